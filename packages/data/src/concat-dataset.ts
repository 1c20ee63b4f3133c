import { ValueError } from '@nnkit/core';
import { checkIndex, type Dataset, type MaybePromise } from './dataset.js';

/**
 * Several datasets one after the other: sample `i` comes from the first dataset while
 * `i < a.length`, then from the second, and so on.
 *
 * @example
 * const all = new ConcatDataset([mnistTrain, mnistTest]); // all.length === 70000
 */
export class ConcatDataset<T> implements Dataset<T> {
  readonly datasets: readonly Dataset<T>[];
  /** `ends[k]` is one past the last index served by `datasets[k]`. */
  private readonly ends: number[];

  constructor(datasets: readonly Dataset<T>[]) {
    if (datasets.length === 0) throw new ValueError('ConcatDataset: needs at least one dataset');
    this.datasets = [...datasets];
    let total = 0;
    this.ends = this.datasets.map((d) => (total += d.length));
  }

  get length(): number {
    return this.ends[this.ends.length - 1];
  }

  get(index: number): MaybePromise<T> {
    checkIndex('ConcatDataset', index, this.length);
    let lo = 0;
    let hi = this.ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (index < this.ends[mid]) hi = mid;
      else lo = mid + 1;
    }
    const start = lo === 0 ? 0 : this.ends[lo - 1];
    return this.datasets[lo].get(index - start);
  }
}
