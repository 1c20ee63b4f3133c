import { checkIndex, mapMaybe, type Dataset, type MaybePromise } from './dataset.js';

/**
 * A dataset whose samples are `fn(sample)` of another's; the way to attach transforms.
 * Stays synchronous when both the inner dataset and `fn` are.
 *
 * @example
 * const train = mapDataset(mnist, ({ image, label }) => ({ image: toFloat(image), label }));
 */
export class MapDataset<T, U> implements Dataset<U> {
  constructor(
    readonly dataset: Dataset<T>,
    readonly fn: (sample: T, index: number) => MaybePromise<U>,
  ) {}

  get length(): number {
    return this.dataset.length;
  }

  get(index: number): MaybePromise<U> {
    checkIndex('MapDataset', index, this.dataset.length);
    return mapMaybe(this.dataset.get(index), (sample) => this.fn(sample, index));
  }
}

/** `new MapDataset(dataset, fn)`, for chaining. */
export function mapDataset<T, U>(dataset: Dataset<T>, fn: (sample: T, index: number) => MaybePromise<U>): MapDataset<T, U> {
  return new MapDataset(dataset, fn);
}
