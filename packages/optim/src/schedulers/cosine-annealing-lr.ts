import { checkNumber } from '../options.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler } from './lr-scheduler.js';

/** CosineAnnealingLR's options. */
export interface CosineAnnealingLROptions {
  /** Epochs of the half cosine, Tmax (a positive integer). */
  tMax: number;
  /** The rate at epoch Tmax, ηmin (default 0). */
  etaMin?: number;
}

/**
 * Anneals each group's rate along a half cosine from its base to `etaMin` over `tMax`
 * epochs, in PyTorch's closed form (`CosineAnnealingLR`, without restarts):
 * lr = ηmin + (base − ηmin) · (1 + cos(π · epoch / Tmax)) / 2.
 * Past Tmax the cosine goes on (the rate rises again), as in PyTorch.
 *
 * @example
 * const sched = new CosineAnnealingLR(opt, { tMax: 100, etaMin: 1e-5 });
 */
export class CosineAnnealingLR extends LRScheduler<{ tMax: number; etaMin: number }> {
  constructor(optimizer: Optimizer, { tMax, etaMin = 0 }: CosineAnnealingLROptions) {
    super('CosineAnnealingLR', optimizer, {
      tMax: checkNumber('CosineAnnealingLR', 'tMax', tMax, { min: 1, integer: true }),
      etaMin: checkNumber('CosineAnnealingLR', 'etaMin', etaMin, { min: 0 }),
    });
    this.step();
  }

  protected lrAt(base: number, epoch: number): number {
    const { tMax, etaMin } = this.config;
    return etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * epoch) / tMax))) / 2;
  }
}
