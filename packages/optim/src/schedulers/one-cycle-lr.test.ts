import { ValueError } from '@nnkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { Adagrad } from '../adagrad.js';
import { expectClose, param } from '../test-utils/fixtures.js';
import { adamWith, freeParams, rates, sgdWith } from '../test-utils/schedule.js';
import { OneCycleLR } from './one-cycle-lr.js';

afterEach(freeParams);

const cosAnneal = (start: number, end: number, pct: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);

describe('OneCycleLR', () => {
  it('cos strategy, two phases: rates and SGD momentum over 10 steps, by hand', () => {
    const opt = sgdWith(0.1);
    const sched = new OneCycleLR(opt, { maxLr: 1, totalSteps: 10 });
    // initial = 1/25 = 0.04, min = 0.04/1e4 = 4e-6; phase 1 ends at step 0.3·10 − 1 = 2, phase 2 at 9
    const momenta = [opt.paramGroups[0].momentum];
    const got = [sched.getLastLr()[0]];
    for (let i = 0; i < 10; i++) {
      sched.step();
      got.push(sched.getLastLr()[0]);
      momenta.push(opt.paramGroups[0].momentum);
    }
    const min = 4e-6;
    expectClose(got.slice(0, 3), [0.04, 0.52, 1], 1e-15);
    expectClose(got.slice(3), [3, 4, 5, 6, 7, 8, 9, 10].map((s) => cosAnneal(1, min, (s - 2) / 7)), 1e-15);
    expectClose([got[9]], [4e-6], 1e-15);
    expectClose(momenta.slice(0, 3), [0.95, 0.9, 0.85], 1e-15);
    expectClose(momenta.slice(3, 10), [3, 4, 5, 6, 7, 8, 9].map((s) => cosAnneal(0.85, 0.95, (s - 2) / 7)), 1e-15);
    expect(momenta[9]).toBeCloseTo(0.95, 15);
    expect(() => sched.step()).toThrow(new ValueError('OneCycleLR: tried to step 11 times, but totalSteps is 10'));
    expect(sched.lastEpoch).toBe(10);
  });

  it('linear strategy with pctStart 0.4', () => {
    const sched = new OneCycleLR(sgdWith(0.1), { maxLr: 1, totalSteps: 10, pctStart: 0.4, annealStrategy: 'linear' });
    const min = 4e-6;
    const want = [0.04, 0.36, 0.68, 1, ...[4, 5, 6, 7, 8, 9].map((s) => 1 + (min - 1) * ((s - 3) / 6))];
    expectClose(rates(sched, 9), want, 1e-15);
  });

  it('three phases: up, back down to the start rate, then annihilation; momentum stays at max in phase 3', () => {
    const opt = sgdWith(0.1);
    const sched = new OneCycleLR(opt, { maxLr: 1, totalSteps: 10, threePhase: true });
    // phase ends: 2, 2·0.3·10 − 2 = 4, 9
    const got = rates(sched, 9);
    expectClose(got.slice(0, 5), [0.04, 0.52, 1, 0.52, 0.04], 1e-15);
    expectClose(got.slice(5), [5, 6, 7, 8, 9].map((s) => cosAnneal(0.04, 4e-6, (s - 4) / 5)), 1e-15);
    expect(opt.paramGroups[0].momentum).toBe(0.95);
  });

  it("cycles Adam's beta1 (keeping beta2), per-group maxLr, epochs × stepsPerEpoch", () => {
    const opt = adamWith(0.1, 0.1);
    const sched = new OneCycleLR(opt, { maxLr: [1, 2], epochs: 2, stepsPerEpoch: 5, baseMomentum: 0.8, maxMomentum: 0.9, divFactor: 10 });
    expect(opt.paramGroups.map((g) => g.initialLr)).toEqual([0.1, 0.2]);
    expect(opt.paramGroups.map((g) => g.betas)).toEqual([[0.9, 0.999], [0.9, 0.999]]);
    sched.step();
    expectClose(sched.getLastLr(), [0.55, 1.1], 1e-15);
    expectClose(opt.paramGroups[0].betas, [0.85, 0.999], 1e-15);
    sched.step();
    expectClose(sched.getLastLr(), [1, 2], 1e-15);
    expectClose(opt.paramGroups[1].betas, [0.8, 0.999], 1e-15);
  });

  it('leaves momentum alone with cycleMomentum: false', () => {
    const opt = sgdWith(0.1);
    const sched = new OneCycleLR(opt, { maxLr: 1, totalSteps: 10, cycleMomentum: false });
    rates(sched, 5);
    expect(opt.paramGroups[0].momentum).toBe(0.9);
  });

  it('round-trips its state through JSON', () => {
    const make = () => {
      const opt = sgdWith(0.1);
      return { opt, sched: new OneCycleLR(opt, { maxLr: 1, totalSteps: 12 }) };
    };
    const a = make();
    rates(a.sched, 4);
    const b = make();
    b.sched.loadStateDict(JSON.parse(JSON.stringify(a.sched.stateDict())));
    expect(rates(b.sched, 8)).toEqual(rates(a.sched, 8));
    expect(b.opt.paramGroups[0].momentum).toBe(a.opt.paramGroups[0].momentum);
  });

  it('validates its options', () => {
    const opt = sgdWith(0.1);
    expect(() => new OneCycleLR(opt, { maxLr: 1 })).toThrow('OneCycleLR: give totalSteps, or epochs and stepsPerEpoch');
    expect(() => new OneCycleLR(opt, { maxLr: 1, totalSteps: 0 })).toThrow('invalid totalSteps 0');
    expect(() => new OneCycleLR(opt, { maxLr: 1, totalSteps: 5, pctStart: 1.5 })).toThrow('invalid pctStart 1.5');
    expect(() => new OneCycleLR(opt, { maxLr: 1, totalSteps: 5, annealStrategy: 'exp' as never })).toThrow(`invalid annealStrategy "exp" (must be one of 'cos', 'linear')`);
    expect(() => new OneCycleLR(opt, { maxLr: [1, 2], totalSteps: 5 })).toThrow('maxLr must be a number or an array of 1 (one per parameter group)');
    const p = param([1]);
    expect(() => new OneCycleLR(new Adagrad([p]), { maxLr: 1, totalSteps: 5 })).toThrow('OneCycleLR: Adagrad has neither momentum nor betas to cycle');
    p.dispose();
  });
});
