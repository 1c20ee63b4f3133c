import { ValueError } from '@nnkit/core';
import { checkChoice, checkNumber, perGroup } from '../options.js';
import { Optimizer } from '../optimizer.js';
import { checkJsonShape, type SchedulerStateDict } from './json-state.js';

/** ReduceLROnPlateau's options (PyTorch's names and defaults, in camelCase). */
export interface ReduceLROnPlateauOptions {
  /** 'min' (default): a lower metric is better (a loss); 'max': higher is better (an accuracy). */
  mode?: 'min' | 'max';
  /** Factor applied to the rate on a plateau, in [0, 1) (default 0.1). */
  factor?: number;
  /** Epochs without improvement tolerated before reducing (default 10). */
  patience?: number;
  /** How much better counts as better (default 1e-4). */
  threshold?: number;
  /** 'rel' (default): better by a factor of threshold; 'abs': by threshold. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** Lower bound of the rate, once or per group (default 0). */
  minLr?: number | readonly number[];
  /** A reduction smaller than this is skipped (default 1e-8). */
  eps?: number;
}

type Settings = Required<Omit<ReduceLROnPlateauOptions, 'minLr'>> & { minLrs: number[] };

/** `best` in JSON: ±Infinity (no metric yet) are written as strings so that they survive JSON. */
const encode = (x: number): number | string => (Number.isFinite(x) ? x : String(x));
const decode = (x: unknown): number => (typeof x === 'string' ? Number(x) : (x as number));

/**
 * Reduces the rate when a metric stops improving (PyTorch's `ReduceLROnPlateau`): after more
 * than `patience` epochs without a better metric, every group's rate becomes
 * max(lr · factor, minLr). Call `step(metric)` once per epoch with the validation metric.
 *
 * @example
 * const sched = new ReduceLROnPlateau(opt, { mode: 'min', patience: 3 });
 * for (let epoch = 0; epoch < 50; epoch++) { train(); sched.step(validationLoss()); }
 */
export class ReduceLROnPlateau {
  readonly optimizer: Optimizer;
  private settings: Settings;
  private best: number;
  private numBadEpochs = 0;
  private cooldownCounter = 0;
  private epoch = 0;
  private lastLr: number[];

  constructor(optimizer: Optimizer, options: ReduceLROnPlateauOptions = {}) {
    if (!(optimizer instanceof Optimizer)) throw new ValueError(`ReduceLROnPlateau: expected an Optimizer, got ${String(optimizer)}`);
    const o = options;
    const name = 'ReduceLROnPlateau';
    this.optimizer = optimizer;
    this.settings = {
      mode: checkChoice(name, 'mode', o.mode ?? 'min', ['min', 'max']),
      factor: checkNumber(name, 'factor', o.factor ?? 0.1, { min: 0, max: 1, maxExclusive: true }),
      patience: checkNumber(name, 'patience', o.patience ?? 10, { min: 0, integer: true }),
      threshold: checkNumber(name, 'threshold', o.threshold ?? 1e-4, { min: 0 }),
      thresholdMode: checkChoice(name, 'thresholdMode', o.thresholdMode ?? 'rel', ['rel', 'abs']),
      cooldown: checkNumber(name, 'cooldown', o.cooldown ?? 0, { min: 0, integer: true }),
      minLrs: perGroup(name, 'minLr', o.minLr ?? 0, optimizer.paramGroups.length, { min: 0 }),
      eps: checkNumber(name, 'eps', o.eps ?? 1e-8, { min: 0 }),
    };
    this.best = this.worst();
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  /** Epochs stepped so far. */
  get lastEpoch(): number {
    return this.epoch;
  }

  private worst(): number {
    return this.settings.mode === 'min' ? Infinity : -Infinity;
  }

  private isBetter(a: number, best: number): boolean {
    const { mode, threshold, thresholdMode } = this.settings;
    if (mode === 'min') return thresholdMode === 'rel' ? a < best * (1 - threshold) : a < best - threshold;
    return thresholdMode === 'rel' ? a > best * (threshold + 1) : a > best + threshold;
  }

  /** Records one epoch's metric and reduces the rates if it has plateaued. NaN counts as no improvement. */
  step(metric: number): void {
    if (typeof metric !== 'number') throw new ValueError(`ReduceLROnPlateau.step: metric must be a number, got ${typeof metric}`);
    this.epoch++;
    if (this.isBetter(metric, this.best)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs++;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.numBadEpochs = 0;
    }
    if (this.numBadEpochs > this.settings.patience) {
      this.optimizer.paramGroups.forEach((g, i) => {
        const next = Math.max(g.lr * this.settings.factor, this.settings.minLrs[i]);
        if (g.lr - next > this.settings.eps) g.lr = next;
      });
      this.cooldownCounter = this.settings.cooldown;
      this.numBadEpochs = 0;
    }
    this.lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The learning rate of each group after the last step. */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** The state as plain JSON (a best of ±Infinity, before any metric, is written as a string). */
  stateDict(): SchedulerStateDict {
    const { minLrs, ...rest } = this.settings;
    return {
      ...rest,
      minLrs: [...minLrs],
      best: encode(this.best),
      numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter,
      lastEpoch: this.epoch,
      lastLr: [...this.lastLr],
    };
  }

  /** Restores a `stateDict()`; a dict of another shape throws a `ValueError` naming the key. */
  loadStateDict(state: SchedulerStateDict): void {
    const where = 'ReduceLROnPlateau.loadStateDict';
    const best = decode(state?.best);
    if (typeof best !== 'number' || Number.isNaN(best)) throw new ValueError(`${where}: best must be a number, got ${String(state?.best)}`);
    checkJsonShape(where, { ...this.stateDict(), best: 0 }, { ...state, best: 0 }, 'state', new Set(['minLrs', 'lastLr']));
    const s = state as unknown as Settings & { numBadEpochs: number; cooldownCounter: number; lastEpoch: number; lastLr: number[] };
    this.settings = {
      mode: checkChoice(where, 'mode', s.mode, ['min', 'max']),
      factor: s.factor,
      patience: s.patience,
      threshold: s.threshold,
      thresholdMode: checkChoice(where, 'thresholdMode', s.thresholdMode, ['rel', 'abs']),
      cooldown: s.cooldown,
      minLrs: [...s.minLrs],
      eps: s.eps,
    };
    this.best = best;
    this.numBadEpochs = s.numBadEpochs;
    this.cooldownCounter = s.cooldownCounter;
    this.epoch = s.lastEpoch;
    this.lastLr = [...s.lastLr];
  }
}
