import { checkNumber } from '../options.js';
import type { Optimizer } from '../optimizer.js';
import { LRScheduler } from './lr-scheduler.js';

/** StepLR's options. */
export interface StepLROptions {
  /** Epochs between decays (a positive integer). */
  stepSize: number;
  /** Factor applied every `stepSize` epochs (default 0.1). */
  gamma?: number;
}

/**
 * Decays each group's rate by `gamma` every `stepSize` epochs (PyTorch's `StepLR`):
 * lr = base · gamma^⌊epoch / stepSize⌋.
 *
 * @example
 * const sched = new StepLR(opt, { stepSize: 30, gamma: 0.1 }); // 0.1 → 0.01 at epoch 30
 * for (let epoch = 0; epoch < 90; epoch++) { train(); sched.step(); }
 */
export class StepLR extends LRScheduler<{ stepSize: number; gamma: number }> {
  constructor(optimizer: Optimizer, { stepSize, gamma = 0.1 }: StepLROptions) {
    super('StepLR', optimizer, {
      stepSize: checkNumber('StepLR', 'stepSize', stepSize, { min: 1, integer: true }),
      gamma: checkNumber('StepLR', 'gamma', gamma),
    });
    this.step();
  }

  protected lrAt(base: number, epoch: number): number {
    return base * this.config.gamma ** Math.floor(epoch / this.config.stepSize);
  }
}
