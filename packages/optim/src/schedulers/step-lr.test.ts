import { ValueError } from '@nnkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { expectClose } from '../test-utils/fixtures.js';
import { freeParams, rates, sgdWith } from '../test-utils/schedule.js';
import { ExponentialLR } from './exponential-lr.js';
import { StepLR } from './step-lr.js';

afterEach(freeParams);

describe('StepLR', () => {
  it('decays by gamma every stepSize epochs, per group, and writes the groups’ lr', () => {
    const opt = sgdWith(0.1, 1);
    const sched = new StepLR(opt, { stepSize: 3, gamma: 0.5 });
    expectClose(rates(sched, 10), [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125], 1e-15);
    expectClose(sched.getLastLr(), [0.0125, 0.125], 1e-15);
    expect(opt.paramGroups.map((g) => g.lr)).toEqual(sched.getLastLr());
    expect(sched.lastEpoch).toBe(10);
  });

  it('defaults gamma to 0.1 and validates its options', () => {
    expectClose(rates(new StepLR(sgdWith(1), { stepSize: 2 }), 4), [1, 1, 0.1, 0.1, 0.01], 1e-15);
    expect(() => new StepLR(sgdWith(1), { stepSize: 0 })).toThrow(new ValueError('StepLR: invalid stepSize 0 (must be an integer >= 1)'));
    expect(() => new StepLR(sgdWith(1), { stepSize: 1.5 })).toThrow('invalid stepSize 1.5');
    expect(() => new StepLR({} as never, { stepSize: 1 })).toThrow('StepLR: expected an Optimizer');
  });

  it('round-trips its state through JSON and continues where it was', () => {
    const a = new StepLR(sgdWith(0.1), { stepSize: 3, gamma: 0.5 });
    rates(a, 4);
    const saved = JSON.parse(JSON.stringify(a.stateDict()));
    expect(saved).toEqual({ stepSize: 3, gamma: 0.5, lastEpoch: 4, baseLrs: [0.1], lastLr: [0.05] });
    const b = new StepLR(sgdWith(0.1), { stepSize: 7, gamma: 0.9 });
    b.loadStateDict(saved);
    expect(b.stateDict()).toEqual(saved);
    expect(rates(b, 5)).toEqual(rates(a, 5));
  });

  it("refuses another scheduler's state, or one for another number of groups, naming the key", () => {
    const sched = new StepLR(sgdWith(0.1), { stepSize: 3 });
    const expo = new ExponentialLR(sgdWith(0.1), { gamma: 0.9 }).stateDict();
    expect(() => sched.loadStateDict(expo)).toThrow(new ValueError("StepLR.loadStateDict: state lacks 'stepSize'"));
    expect(() => sched.loadStateDict({ ...sched.stateDict(), gamma: 'x' })).toThrow('gamma should be a number, got string');
    expect(() => sched.loadStateDict({ ...sched.stateDict(), baseLrs: [0.1, 0.2] })).toThrow('baseLrs has 2 entries but this scheduler needs 1');
    expect(() => sched.loadStateDict({ ...sched.stateDict(), extra: 1 })).toThrow("state has 'extra', which this scheduler does not keep");
    expect(() => sched.loadStateDict({ ...sched.stateDict(), lastEpoch: 1.5 })).toThrow('lastEpoch must be an integer >= -1');
  });
});
