import { afterEach, describe, expect, it } from 'vitest';
import { expectClose } from '../test-utils/fixtures.js';
import { freeParams, rates, sgdWith } from '../test-utils/schedule.js';
import { LinearLR } from './linear-lr.js';

afterEach(freeParams);

describe('LinearLR', () => {
  it('ramps from startFactor to endFactor over totalIters, then holds', () => {
    const got = rates(new LinearLR(sgdWith(0.5), { startFactor: 0.2, endFactor: 1, totalIters: 4 }), 10);
    expectClose(got, [0.1, 0.2, 0.3, 0.4, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], 1e-15);
  });

  it("uses PyTorch's defaults (1/3 → 1 over 5) and can ramp down", () => {
    expectClose(rates(new LinearLR(sgdWith(0.3)), 6), [0.1, 0.14, 0.18, 0.22, 0.26, 0.3, 0.3], 1e-15);
    expectClose(rates(new LinearLR(sgdWith(1), { startFactor: 1, endFactor: 0.5, totalIters: 2 }), 3), [1, 0.75, 0.5, 0.5], 1e-15);
  });

  it('round-trips its state and validates its options', () => {
    const a = new LinearLR(sgdWith(1), { startFactor: 0.1, totalIters: 10 });
    rates(a, 3);
    const b = new LinearLR(sgdWith(1));
    b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())));
    expect(rates(b, 8)).toEqual(rates(a, 8));
    expect(() => new LinearLR(sgdWith(1), { startFactor: 0 })).toThrow('LinearLR: invalid startFactor 0 (must be a finite number > 0 and <= 1)');
    expect(() => new LinearLR(sgdWith(1), { endFactor: 1.5 })).toThrow('invalid endFactor 1.5');
    expect(() => new LinearLR(sgdWith(1), { totalIters: 0 })).toThrow('invalid totalIters 0');
  });
});
