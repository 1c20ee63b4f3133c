import { ValueError } from '@nnkit/core';
import { checkNumber } from '../options.js';
import type { Optimizer } from '../optimizer.js';
import type { SchedulerStateDict } from './json-state.js';
import { LRScheduler } from './lr-scheduler.js';
import { bisectRight } from './multi-step-lr.js';

/** SequentialLR's options. */
export interface SequentialLROptions {
  /** The schedulers to run one after another, all made for `optimizer`. */
  schedulers: readonly LRScheduler[];
  /** The epochs at which the next scheduler takes over (one fewer than the schedulers, increasing). */
  milestones: readonly number[];
}

/**
 * Runs schedulers one after another (PyTorch's `SequentialLR`): scheduler i is active from
 * milestone i − 1 and sees its own epoch count, which starts again at 0 when it takes over.
 *
 * @example
 * // 5 epochs of linear warmup, then cosine annealing over the remaining 95
 * const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 5 });
 * const cosine = new CosineAnnealingLR(opt, { tMax: 95 });
 * const sched = new SequentialLR(opt, { schedulers: [warmup, cosine], milestones: [5] });
 */
export class SequentialLR extends LRScheduler<{ milestones: number[] }> {
  private readonly schedulers: readonly LRScheduler[];

  constructor(optimizer: Optimizer, { schedulers, milestones }: SequentialLROptions) {
    if (!Array.isArray(schedulers) || schedulers.length === 0) throw new ValueError('SequentialLR: needs at least one scheduler');
    if (!Array.isArray(milestones) || milestones.length !== schedulers.length - 1) {
      throw new ValueError(
        `SequentialLR: ${schedulers.length} schedulers need ${schedulers.length - 1} milestones, got ${Array.isArray(milestones) ? milestones.length : String(milestones)}`,
      );
    }
    schedulers.forEach((s, i) => {
      if (!(s instanceof LRScheduler)) throw new ValueError(`SequentialLR: schedulers[${i}] is not an LRScheduler`);
      if (s.optimizer !== optimizer) throw new ValueError(`SequentialLR: schedulers[${i}] (${s.name}) was made for another optimizer`);
    });
    milestones.forEach((m, i) => {
      checkNumber('SequentialLR', `milestones[${i}]`, m, { min: 1, integer: true });
      if (i > 0 && m <= milestones[i - 1]) throw new ValueError(`SequentialLR: milestones must increase, got ${JSON.stringify(milestones)}`);
    });
    super('SequentialLR', optimizer, { milestones: [...milestones] });
    this.schedulers = [...schedulers];
    this.step();
  }

  protected override lrsAt(epoch: number): number[] {
    const { milestones } = this.config;
    const i = bisectRight(milestones, epoch);
    const active = this.schedulers[i];
    active._seek(i === 0 ? epoch : epoch - milestones[i - 1]);
    return active.getLastLr();
  }

  protected lrAt(): number {
    throw new ValueError('SequentialLR: rates come from the active scheduler'); // lrsAt is overridden
  }

  /** Its own state plus each scheduler's, under `schedulers`. */
  override stateDict(): SchedulerStateDict {
    return { ...super.stateDict(), schedulers: this.schedulers.map((s) => s.stateDict()) };
  }

  protected override restore(state: SchedulerStateDict): void {
    const saved = state.schedulers as SchedulerStateDict[];
    if (saved.length !== this.schedulers.length) {
      throw new ValueError(`SequentialLR.loadStateDict: the state has ${saved.length} schedulers but this one has ${this.schedulers.length}`);
    }
    this.schedulers.forEach((s, i) => s.loadStateDict(saved[i]));
  }
}
