import { ValueError } from '@nnkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { expectClose } from '../test-utils/fixtures.js';
import { freeParams, rates, sgdWith } from '../test-utils/schedule.js';
import { CosineAnnealingLR } from './cosine-annealing-lr.js';
import { ExponentialLR } from './exponential-lr.js';
import { LinearLR } from './linear-lr.js';
import { SequentialLR } from './sequential-lr.js';
import { StepLR } from './step-lr.js';

afterEach(freeParams);

function warmupCosine() {
  const opt = sgdWith(1);
  const warmup = new LinearLR(opt, { startFactor: 0.25, totalIters: 4 });
  const cosine = new CosineAnnealingLR(opt, { tMax: 6 });
  const sched = new SequentialLR(opt, { schedulers: [warmup, cosine], milestones: [4] });
  return { opt, warmup, cosine, sched };
}

describe('SequentialLR', () => {
  it('chains a linear warmup into cosine annealing at the milestone, both from the same base rate', () => {
    const { opt, sched } = warmupCosine();
    // warmup: 1·(0.25 + 0.75·e/4); cosine (own epoch c = e − 4): (1 + cos(π·c/6)) / 2
    const want = [0.25, 0.4375, 0.625, 0.8125, 1, (1 + Math.sqrt(3) / 2) / 2, 0.75, 0.5, 0.25, (1 - Math.sqrt(3) / 2) / 2, 0];
    expectClose(rates(sched, 10), want, 1e-15);
    expect(opt.paramGroups[0].lr).toBe(sched.getLastLr()[0]);
  });

  it('with three schedulers and several groups', () => {
    const opt = sgdWith(1, 2);
    const a = new ExponentialLR(opt, { gamma: 0.5 });
    const b = new StepLR(opt, { stepSize: 2, gamma: 0.1 });
    const c = new ExponentialLR(opt, { gamma: 1 });
    const sched = new SequentialLR(opt, { schedulers: [a, b, c], milestones: [2, 5] });
    expectClose(rates(sched, 6, 1), [2, 1, 2, 2, 0.2, 2, 2], 1e-15);
  });

  it("round-trips its state (and its schedulers') through JSON", () => {
    const a = warmupCosine();
    rates(a.sched, 3);
    const saved = JSON.parse(JSON.stringify(a.sched.stateDict()));
    expect(saved.schedulers).toHaveLength(2);
    const b = warmupCosine();
    b.sched.loadStateDict(saved);
    expect(rates(b.sched, 7)).toEqual(rates(a.sched, 7));
    const other = warmupCosine();
    expect(() => other.sched.loadStateDict({ ...saved, schedulers: [saved.schedulers[0]] })).toThrow(ValueError);
  });

  it('validates schedulers and milestones', () => {
    const opt = sgdWith(1);
    const s1 = new LinearLR(opt);
    const s2 = new StepLR(opt, { stepSize: 2 });
    const foreign = new StepLR(sgdWith(1), { stepSize: 2 });
    expect(() => new SequentialLR(opt, { schedulers: [], milestones: [] })).toThrow('SequentialLR: needs at least one scheduler');
    expect(() => new SequentialLR(opt, { schedulers: [s1, s2], milestones: [] })).toThrow('2 schedulers need 1 milestones, got 0');
    expect(() => new SequentialLR(opt, { schedulers: [s1, foreign], milestones: [3] })).toThrow('schedulers[1] (StepLR) was made for another optimizer');
    expect(() => new SequentialLR(opt, { schedulers: [s1, s2, s1], milestones: [3, 3] })).toThrow('milestones must increase');
  });
});
