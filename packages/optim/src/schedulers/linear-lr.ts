import { checkNumber } from '../options.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler } from './lr-scheduler.js';

/** LinearLR's options. */
export interface LinearLROptions {
  /** Factor of the base rate at epoch 0, in (0, 1] (default 1/3). */
  startFactor?: number;
  /** Factor reached at `totalIters` and kept after, in [0, 1] (default 1). */
  endFactor?: number;
  /** Epochs of the ramp (a positive integer, default 5). */
  totalIters?: number;
}

/**
 * Ramps each group's rate linearly from `startFactor · base` to `endFactor · base` over
 * `totalIters` epochs, then holds it (PyTorch's `LinearLR`; a warmup):
 * lr = base · (start + (end − start) · min(epoch, totalIters) / totalIters).
 *
 * @example
 * const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 5 });
 */
export class LinearLR extends LRScheduler<{ startFactor: number; endFactor: number; totalIters: number }> {
  constructor(optimizer: Optimizer, { startFactor = 1 / 3, endFactor = 1, totalIters = 5 }: LinearLROptions = {}) {
    super('LinearLR', optimizer, {
      startFactor: checkNumber('LinearLR', 'startFactor', startFactor, { min: 0, minExclusive: true, max: 1 }),
      endFactor: checkNumber('LinearLR', 'endFactor', endFactor, { min: 0, max: 1 }),
      totalIters: checkNumber('LinearLR', 'totalIters', totalIters, { min: 1, integer: true }),
    });
    this.step();
  }

  protected lrAt(base: number, epoch: number): number {
    const { startFactor, endFactor, totalIters } = this.config;
    return base * (startFactor + ((endFactor - startFactor) * Math.min(totalIters, epoch)) / totalIters);
  }
}
