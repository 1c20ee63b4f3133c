import { ValueError } from '@nnkit/core';
import { Optimizer } from '../optimizer.js';
import { checkJsonShape, cloneJson, type JsonValue, type SchedulerStateDict } from './json-state.js';

/** A scheduler's options, as kept in its state dict. */
export type SchedulerConfig = { [key: string]: JsonValue };

const FIXED = new Set(['baseLrs', 'lastLr']);

/**
 * The base of the epoch-based schedulers (PyTorch's `LRScheduler`). Each one is a closed form
 * `lr = f(baseLr, epoch)`: `step()` advances `lastEpoch` and writes the new rate into every
 * parameter group's `lr`. Constructing one already takes the first step (epoch 0), as in
 * PyTorch. `baseLrs` come from each group's `initialLr`, which the first scheduler made for
 * an optimizer records — so schedulers chained by `SequentialLR` share one starting point.
 *
 * A scheduler owns the `lr` it writes: two of them stepping the same optimizer at once do
 * not compose (use `SequentialLR` to run them one after another).
 */
export abstract class LRScheduler<C extends SchedulerConfig = SchedulerConfig> {
  /** The optimizer whose groups this scheduler sets. */
  readonly optimizer: Optimizer;
  /** The starting learning rate of each group. */
  protected baseLrs: number[];
  private epoch = -1;
  private lastLr: number[] = [];

  protected constructor(
    /** The scheduler's name in messages. */
    readonly name: string,
    optimizer: Optimizer,
    /** The options, saved and restored with the state. */
    protected config: C,
  ) {
    if (!(optimizer instanceof Optimizer)) throw new ValueError(`${name}: expected an Optimizer, got ${String(optimizer)}`);
    this.optimizer = optimizer;
    for (const group of optimizer.paramGroups) if (group.initialLr === undefined) group.initialLr = group.lr;
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr as number);
  }

  /** The learning rate of group `group` at `epoch`, from its starting rate `baseLr`. */
  protected abstract lrAt(baseLr: number, epoch: number, group: number): number;

  /** The rates of every group at `epoch` (may also set other group options, as OneCycleLR does). */
  protected lrsAt(epoch: number): number[] {
    return this.baseLrs.map((base, i) => this.lrAt(base, epoch, i));
  }

  /** Steps taken since construction (0 right after it). */
  get lastEpoch(): number {
    return this.epoch;
  }

  /** Advances one epoch (or one batch, for per-batch schedules) and sets the groups' `lr`. */
  step(): void {
    this._seek(this.epoch + 1);
  }

  /** @internal Jumps to `epoch` and sets the groups' `lr` (used by `SequentialLR`). */
  _seek(epoch: number): void {
    const lrs = this.lrsAt(epoch);
    this.optimizer.paramGroups.forEach((g, i) => {
      g.lr = lrs[i];
    });
    this.epoch = epoch;
    this.lastLr = lrs;
  }

  /** The learning rate of each group after the last step. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** The scheduler's state as plain JSON: its options, `lastEpoch`, `baseLrs`, `lastLr`. */
  stateDict(): SchedulerStateDict {
    return { ...cloneJson(this.config), lastEpoch: this.epoch, baseLrs: [...this.baseLrs], lastLr: [...this.lastLr] };
  }

  /**
   * Restores a `stateDict()`; the next `step()` continues from its `lastEpoch`. It does not
   * touch the optimizer's `lr` (restore the optimizer's own state dict for that, as in
   * PyTorch). A dict of another shape throws a `ValueError` naming the key that differs.
   */
  loadStateDict(state: SchedulerStateDict): void {
    const where = `${this.name}.loadStateDict`;
    checkJsonShape(where, this.stateDict(), state, 'state', FIXED);
    if (!Number.isInteger(state.lastEpoch) || (state.lastEpoch as number) < -1) {
      throw new ValueError(`${where}: lastEpoch must be an integer >= -1, got ${String(state.lastEpoch)}`);
    }
    this.restore(state);
    const config: SchedulerConfig = {};
    for (const key of Object.keys(this.config)) config[key] = cloneJson(state[key]);
    this.config = config as C;
    this.epoch = state.lastEpoch as number;
    this.baseLrs = [...(state.baseLrs as number[])];
    this.lastLr = [...(state.lastLr as number[])];
  }

  /** Hook for state beyond the options (SequentialLR's children); runs after the checks. */
  protected restore(_state: SchedulerStateDict): void {}
}
