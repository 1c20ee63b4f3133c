import { ValueError } from '@nnkit/core';
import { checkIndex, type Dataset, type MaybePromise } from './dataset.js';

/**
 * The samples of `dataset` at `indices`, in that order (indices may repeat).
 *
 * @example
 * const firstHundred = new Subset(mnist, Array.from({ length: 100 }, (_, i) => i));
 */
export class Subset<T> implements Dataset<T> {
  readonly indices: readonly number[];

  constructor(
    readonly dataset: Dataset<T>,
    indices: ArrayLike<number>,
  ) {
    const copy = Array.from(indices);
    for (const i of copy) {
      if (!Number.isInteger(i) || i < 0 || i >= dataset.length) {
        throw new ValueError(`Subset: index ${i} is out of range for a dataset of length ${dataset.length}`);
      }
    }
    this.indices = copy;
  }

  get length(): number {
    return this.indices.length;
  }

  get(index: number): MaybePromise<T> {
    checkIndex('Subset', index, this.indices.length);
    return this.dataset.get(this.indices[index]);
  }
}
