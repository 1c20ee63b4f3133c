import { afterEach, describe, expect, it } from 'vitest';
import { expectClose } from '../test-utils/fixtures.js';
import { freeParams, rates, sgdWith } from '../test-utils/schedule.js';
import { MultiStepLR, bisectRight } from './multi-step-lr.js';

afterEach(freeParams);

describe('MultiStepLR', () => {
  it('decays by gamma at each milestone (given in any order; a repeated one decays twice)', () => {
    const sched = new MultiStepLR(sgdWith(1), { milestones: [6, 2, 6], gamma: 0.1 });
    expectClose(rates(sched, 10), [1, 1, 0.1, 0.1, 0.1, 0.1, 0.001, 0.001, 0.001, 0.001, 0.001], 1e-15);
  });

  it('round-trips its state through JSON', () => {
    const a = new MultiStepLR(sgdWith(0.5), { milestones: [3, 5] });
    rates(a, 2);
    const b = new MultiStepLR(sgdWith(0.5), { milestones: [1] });
    b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())));
    expect(rates(b, 6)).toEqual(rates(a, 6));
  });

  it('validates milestones', () => {
    expect(() => new MultiStepLR(sgdWith(1), { milestones: [1, -2] })).toThrow('MultiStepLR: invalid milestones[1] -2');
    expect(() => new MultiStepLR(sgdWith(1), { milestones: 3 as never })).toThrow('milestones must be an array');
  });

  it('bisectRight counts the values ≤ x', () => {
    expect([0, 1, 2, 3, 5, 6].map((x) => bisectRight([1, 3, 3, 5], x))).toEqual([0, 1, 1, 3, 4, 4]);
  });
});
