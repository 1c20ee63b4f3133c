import { afterEach, describe, expect, it } from 'vitest';
import { expectClose } from '../test-utils/fixtures.js';
import { freeParams, rates, sgdWith } from '../test-utils/schedule.js';
import { ExponentialLR } from './exponential-lr.js';

afterEach(freeParams);

describe('ExponentialLR', () => {
  it('multiplies by gamma every epoch', () => {
    const want = [0.2, 0.18, 0.162, 0.1458, 0.13122, 0.118098, 0.1062882, 0.09565938, 0.086093442, 0.0774840978, 0.06973568802];
    expectClose(rates(new ExponentialLR(sgdWith(0.2), { gamma: 0.9 }), 10), want, 1e-14);
  });

  it('round-trips its state through JSON', () => {
    const a = new ExponentialLR(sgdWith(0.2, 0.4), { gamma: 0.9 });
    rates(a, 3);
    const b = new ExponentialLR(sgdWith(0.2, 0.4), { gamma: 0.5 });
    b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())));
    expect(rates(b, 4, 1)).toEqual(rates(a, 4, 1));
  });

  it('validates gamma', () => {
    expect(() => new ExponentialLR(sgdWith(1), { gamma: NaN })).toThrow('ExponentialLR: invalid gamma NaN');
  });
});
