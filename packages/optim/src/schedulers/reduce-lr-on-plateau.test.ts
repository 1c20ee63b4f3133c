import { ValueError } from '@nnkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { freeParams, sgdWith } from '../test-utils/schedule.js';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau.js';
import { StepLR } from './step-lr.js';

afterEach(freeParams);

function feed(sched: ReduceLROnPlateau, metrics: number[]): number[] {
  return metrics.map((m) => {
    sched.step(m);
    return sched.getLastLr()[0];
  });
}

describe('ReduceLROnPlateau', () => {
  it('min mode, relative threshold, patience, cooldown and minLr, traced by hand', () => {
    const opt = sgdWith(1);
    const sched = new ReduceLROnPlateau(opt, { patience: 2, factor: 0.5, threshold: 0.1, cooldown: 1, minLr: 0.2 });
    const metrics = [10, 9, 9.5, 9.2, 9.1, 8, 8.5, 8.6, 8.7, 8.8, 8.9, 9, 9.1, 9.2, 9.3, 9.4, 9.5];
    const want = [1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2, 0.2];
    expect(feed(sched, metrics)).toEqual(want);
    expect(opt.paramGroups[0].lr).toBe(0.2);
    expect(sched.lastEpoch).toBe(17);
  });

  it('max mode with an absolute threshold; NaN is no improvement', () => {
    const sched = new ReduceLROnPlateau(sgdWith(1), { mode: 'max', thresholdMode: 'abs', threshold: 0.01, patience: 0 });
    expect(feed(sched, [0.5, 0.55, 0.555, 0.565, 0.57])).toEqual([1, 1, 0.1, 0.1, 0.010000000000000002]);
    const nan = new ReduceLROnPlateau(sgdWith(1), { patience: 1 });
    expect(feed(nan, [1, NaN, NaN])).toEqual([1, 1, 0.1]);
  });

  it('per-group minLr and state that survives JSON (best is ±Infinity before the first metric)', () => {
    const opt = sgdWith(1, 1);
    const a = new ReduceLROnPlateau(opt, { patience: 0, minLr: [0.5, 0] });
    expect(a.stateDict().best).toBe('Infinity');
    feed(a, [1, 2, 3]);
    expect(a.getLastLr()).toEqual([0.5, 0.010000000000000002]);
    const saved = JSON.parse(JSON.stringify(a.stateDict()));
    expect(saved).toMatchObject({ mode: 'min', best: 1, numBadEpochs: 0, lastEpoch: 3, minLrs: [0.5, 0] });
    const opt2 = sgdWith(0.5, 0.010000000000000002);
    const b = new ReduceLROnPlateau(opt2, { patience: 5 });
    b.loadStateDict(saved);
    expect(b.stateDict()).toEqual(saved);
    expect(feed(b, [0.5, 0.9])).toEqual(feed(a, [0.5, 0.9]));
    const fresh = new ReduceLROnPlateau(sgdWith(1, 1));
    fresh.loadStateDict(JSON.parse(JSON.stringify(fresh.stateDict())));
    expect(fresh.stateDict().best).toBe('Infinity');
  });

  it('validates options and loaded state', () => {
    const opt = sgdWith(1);
    expect(() => new ReduceLROnPlateau(opt, { factor: 1 })).toThrow(new ValueError('ReduceLROnPlateau: invalid factor 1 (must be a finite number >= 0 and < 1)'));
    expect(() => new ReduceLROnPlateau(opt, { mode: 'up' as never })).toThrow('invalid mode "up"');
    expect(() => new ReduceLROnPlateau(opt, { patience: -1 })).toThrow('invalid patience -1');
    expect(() => new ReduceLROnPlateau(opt, { minLr: [0, 0] })).toThrow('minLr must be a number or an array of 1');
    const sched = new ReduceLROnPlateau(opt);
    expect(() => sched.step('low' as never)).toThrow('ReduceLROnPlateau.step: metric must be a number');
    expect(() => sched.loadStateDict(new StepLR(opt, { stepSize: 1 }).stateDict())).toThrow('ReduceLROnPlateau.loadStateDict');
    expect(() => sched.loadStateDict({ ...sched.stateDict(), best: 'high' })).toThrow('best must be a number');
  });
});
