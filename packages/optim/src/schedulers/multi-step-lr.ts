import { ValueError } from '@nnkit/core';
import { checkNumber } from '../options.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler } from './lr-scheduler.js';

/** MultiStepLR's options. */
export interface MultiStepLROptions {
  /** Epochs at which to decay (non-negative integers; a repeated one decays twice). */
  milestones: readonly number[];
  /** Factor applied at each milestone (default 0.1). */
  gamma?: number;
}

/** How many of the sorted `values` are ≤ `x` (Python's `bisect_right`). */
export function bisectRight(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < values[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Decays each group's rate by `gamma` at every milestone (PyTorch's `MultiStepLR`):
 * lr = base · gamma^(number of milestones ≤ epoch).
 *
 * @example
 * const sched = new MultiStepLR(opt, { milestones: [30, 80], gamma: 0.1 });
 */
export class MultiStepLR extends LRScheduler<{ milestones: number[]; gamma: number }> {
  constructor(optimizer: Optimizer, { milestones, gamma = 0.1 }: MultiStepLROptions) {
    if (!Array.isArray(milestones)) throw new ValueError(`MultiStepLR: milestones must be an array of epochs, got ${String(milestones)}`);
    super('MultiStepLR', optimizer, {
      milestones: milestones.map((m, i) => checkNumber('MultiStepLR', `milestones[${i}]`, m, { min: 0, integer: true })).sort((a, b) => a - b),
      gamma: checkNumber('MultiStepLR', 'gamma', gamma),
    });
    this.step();
  }

  protected lrAt(base: number, epoch: number): number {
    return base * this.config.gamma ** bisectRight(this.config.milestones, epoch);
  }
}
