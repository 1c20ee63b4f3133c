import { checkNumber } from '../options.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler } from './lr-scheduler.js';

/**
 * Decays each group's rate by `gamma` every epoch (PyTorch's `ExponentialLR`):
 * lr = base · gamma^epoch.
 *
 * @example
 * const sched = new ExponentialLR(opt, { gamma: 0.95 });
 */
export class ExponentialLR extends LRScheduler<{ gamma: number }> {
  constructor(optimizer: Optimizer, { gamma }: { gamma: number }) {
    super('ExponentialLR', optimizer, { gamma: checkNumber('ExponentialLR', 'gamma', gamma) });
    this.step();
  }

  protected lrAt(base: number, epoch: number): number {
    return base * this.config.gamma ** epoch;
  }
}
