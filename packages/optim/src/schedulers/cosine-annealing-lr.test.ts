import { afterEach, describe, expect, it } from 'vitest';
import { expectClose } from '../test-utils/fixtures.js';
import { freeParams, rates, sgdWith } from '../test-utils/schedule.js';
import { CosineAnnealingLR } from './cosine-annealing-lr.js';

afterEach(freeParams);

describe('CosineAnnealingLR', () => {
  it('follows the closed-form half cosine to etaMin at tMax, and rises again after', () => {
    // 0.01 + 0.09 · (1 + cos(π·e/8)) / 2 for e = 0..10, worked out by hand to 8 digits
    const want = [0.1, 0.09657458, 0.08681981, 0.07222075, 0.055, 0.03777925, 0.02318019, 0.01342542, 0.01, 0.01342542, 0.02318019];
    const got = rates(new CosineAnnealingLR(sgdWith(0.1), { tMax: 8, etaMin: 0.01 }), 10);
    expectClose(got, want, 1e-8);
    // and exactly, with cos(π/8) = √(2 + √2) / 2
    expectClose([got[1]], [0.01 + 0.045 * (1 + Math.sqrt(2 + Math.SQRT2) / 2)], 1e-15);
    expect(got[4]).toBeCloseTo(0.055, 15);
  });

  it('defaults etaMin to 0 and round-trips its state', () => {
    const a = new CosineAnnealingLR(sgdWith(1), { tMax: 4 });
    expectClose(rates(a, 4), [1, (1 + Math.SQRT1_2) / 2, 0.5, (1 - Math.SQRT1_2) / 2, 0], 1e-15);
    const b = new CosineAnnealingLR(sgdWith(1), { tMax: 9 });
    b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())));
    expect(rates(b, 3)).toEqual(rates(a, 3));
  });

  it('validates its options', () => {
    expect(() => new CosineAnnealingLR(sgdWith(1), { tMax: 0 })).toThrow('CosineAnnealingLR: invalid tMax 0');
    expect(() => new CosineAnnealingLR(sgdWith(1), { tMax: 5, etaMin: -1 })).toThrow('invalid etaMin -1');
  });
});
