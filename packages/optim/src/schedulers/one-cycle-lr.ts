import { ValueError } from '@nnkit/core';
import { checkBoolean, checkChoice, checkNumber, perGroup } from '../options.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler } from './lr-scheduler.js';

/** OneCycleLR's options (PyTorch's names and defaults, in camelCase). */
export interface OneCycleLROptions {
  /** Peak rate, once or per group. */
  maxLr: number | readonly number[];
  /** Steps in the cycle; or give `epochs` and `stepsPerEpoch`. */
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent raising the rate (default 0.3). */
  pctStart?: number;
  /** 'cos' (default) or 'linear' interpolation between phase ends. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle momentum (SGD's `momentum`, Adam's β₁) inversely to the rate (default true). */
  cycleMomentum?: boolean;
  /** Momentum at the peak rate (default 0.85), once or per group. */
  baseMomentum?: number | readonly number[];
  /** Momentum at the start and end (default 0.95), once or per group. */
  maxMomentum?: number | readonly number[];
  /** The start rate is maxLr / divFactor (default 25). */
  divFactor?: number;
  /** The final rate is start rate / finalDivFactor (default 1e4). */
  finalDivFactor?: number;
  /** Three phases (up, down to the start rate, annihilate) instead of two (default false). */
  threePhase?: boolean;
}

type Config = {
  totalSteps: number;
  pctStart: number;
  annealStrategy: 'cos' | 'linear';
  cycleMomentum: boolean;
  useBeta1: boolean;
  divFactor: number;
  finalDivFactor: number;
  threePhase: boolean;
  maxLrs: number[];
  baseMomentums: number[];
  maxMomentums: number[];
};

type Level = 'initial' | 'max' | 'min';
interface Phase {
  end: number;
  lr: [Level, Level];
  momentum: ['max' | 'base', 'max' | 'base'];
}

/**
 * The 1cycle policy (PyTorch's `OneCycleLR`), stepped once per batch: the rate rises from
 * maxLr/divFactor to maxLr over the first `pctStart` of the steps, then anneals to
 * maxLr/(divFactor·finalDivFactor); momentum (or Adam's β₁) moves the opposite way between
 * `maxMomentum` and `baseMomentum`. Stepping past `totalSteps` throws a `ValueError`.
 *
 * ```text
 * cos:    f(a, b, p) = b + (a − b)(1 + cos(πp)) / 2        linear: f(a, b, p) = a + (b − a)p
 * phase 1 (to step pctStart·T − 1):  lr initial → max,  momentum max → base
 * phase 2 (to step T − 1):           lr max → min,      momentum base → max
 * ```
 *
 * @example
 * const sched = new OneCycleLR(opt, { maxLr: 0.1, epochs: 10, stepsPerEpoch: loader.length });
 * // after every batch: opt.step(); sched.step();
 */
export class OneCycleLR extends LRScheduler<Config> {
  constructor(optimizer: Optimizer, options: OneCycleLROptions) {
    const o = options;
    const n = optimizer.paramGroups.length;
    let totalSteps = o.totalSteps;
    if (totalSteps === undefined) {
      if (o.epochs === undefined || o.stepsPerEpoch === undefined) {
        throw new ValueError('OneCycleLR: give totalSteps, or epochs and stepsPerEpoch');
      }
      totalSteps = checkNumber('OneCycleLR', 'epochs', o.epochs, { min: 1, integer: true }) * checkNumber('OneCycleLR', 'stepsPerEpoch', o.stepsPerEpoch, { min: 1, integer: true });
    }
    const cycleMomentum = checkBoolean('OneCycleLR', 'cycleMomentum', o.cycleMomentum ?? true);
    const useBeta1 = 'betas' in optimizer.defaults;
    if (cycleMomentum && !useBeta1 && !('momentum' in optimizer.defaults)) {
      throw new ValueError(`OneCycleLR: ${optimizer.name} has neither momentum nor betas to cycle; pass cycleMomentum: false`);
    }
    const config: Config = {
      totalSteps: checkNumber('OneCycleLR', 'totalSteps', totalSteps, { min: 1, integer: true }),
      pctStart: checkNumber('OneCycleLR', 'pctStart', o.pctStart ?? 0.3, { min: 0, max: 1 }),
      annealStrategy: checkChoice('OneCycleLR', 'annealStrategy', o.annealStrategy ?? 'cos', ['cos', 'linear']),
      cycleMomentum,
      useBeta1,
      divFactor: checkNumber('OneCycleLR', 'divFactor', o.divFactor ?? 25, { min: 0, minExclusive: true }),
      finalDivFactor: checkNumber('OneCycleLR', 'finalDivFactor', o.finalDivFactor ?? 1e4, { min: 0, minExclusive: true }),
      threePhase: checkBoolean('OneCycleLR', 'threePhase', o.threePhase ?? false),
      maxLrs: perGroup('OneCycleLR', 'maxLr', o.maxLr, n, { min: 0 }),
      baseMomentums: perGroup('OneCycleLR', 'baseMomentum', o.baseMomentum ?? 0.85, n, { min: 0 }),
      maxMomentums: perGroup('OneCycleLR', 'maxMomentum', o.maxMomentum ?? 0.95, n, { min: 0 }),
    };
    // As in PyTorch: the cycle owns the groups' starting rate, whatever earlier schedulers set.
    optimizer.paramGroups.forEach((g, i) => {
      g.initialLr = config.maxLrs[i] / config.divFactor;
    });
    super('OneCycleLR', optimizer, config);
    this.step();
  }

  private phases(): Phase[] {
    const { pctStart, totalSteps, threePhase } = this.config;
    if (threePhase) {
      return [
        { end: pctStart * totalSteps - 1, lr: ['initial', 'max'], momentum: ['max', 'base'] },
        { end: 2 * pctStart * totalSteps - 2, lr: ['max', 'initial'], momentum: ['base', 'max'] },
        { end: totalSteps - 1, lr: ['initial', 'min'], momentum: ['max', 'max'] },
      ];
    }
    return [
      { end: pctStart * totalSteps - 1, lr: ['initial', 'max'], momentum: ['max', 'base'] },
      { end: totalSteps - 1, lr: ['max', 'min'], momentum: ['base', 'max'] },
    ];
  }

  private anneal(start: number, end: number, pct: number): number {
    if (this.config.annealStrategy === 'linear') return (end - start) * pct + start;
    return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
  }

  /** The phase `step` falls in and how far through it, as PyTorch walks them. */
  private locate(step: number): { phase: Phase; pct: number } {
    const phases = this.phases();
    let start = 0;
    for (let i = 0; i < phases.length; i++) {
      const phase = phases[i];
      if (step <= phase.end || i === phases.length - 1) return { phase, pct: (step - start) / (phase.end - start) };
      start = phase.end;
    }
    throw new ValueError('OneCycleLR: no phases'); // unreachable: there are always 2 or 3
  }

  protected override lrsAt(step: number): number[] {
    const { totalSteps, cycleMomentum, useBeta1, baseMomentums, maxMomentums } = this.config;
    if (step > totalSteps) {
      throw new ValueError(`OneCycleLR: tried to step ${step} times, but totalSteps is ${totalSteps}`);
    }
    const { phase, pct } = this.locate(step);
    const lrs = this.baseLrs.map((base, i) => this.lrAt(base, step, i));
    if (cycleMomentum) {
      this.optimizer.paramGroups.forEach((group, i) => {
        const level = { base: baseMomentums[i], max: maxMomentums[i] };
        const m = this.anneal(level[phase.momentum[0]], level[phase.momentum[1]], pct);
        const g = group as unknown as { momentum?: number; betas?: [number, number] };
        if (useBeta1) g.betas = [m, (g.betas as [number, number])[1]];
        else g.momentum = m;
      });
    }
    return lrs;
  }

  protected lrAt(base: number, step: number, group: number): number {
    const { phase, pct } = this.locate(step);
    const initial = base;
    const level = { initial, max: this.config.maxLrs[group], min: initial / this.config.finalDivFactor };
    return this.anneal(level[phase.lr[0]], level[phase.lr[1]], pct);
  }
}
