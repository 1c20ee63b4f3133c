import { ValueError } from '@nnkit/core';

/** A value, or a promise of it: what `Dataset.get` may return. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Anything that has `length` samples and hands out sample `i` on request, synchronously or
 * not. Map-style, as PyTorch's `Dataset`: `get(i)` for `0 <= i < length`.
 *
 * @example
 * const squares: Dataset<number> = { length: 10, get: (i) => i * i };
 */
export interface Dataset<T> {
  readonly length: number;
  get(index: number): MaybePromise<T>;
}

/** The sample type of a dataset. */
export type SampleOf<D> = D extends Dataset<infer T> ? T : never;

/**
 * Throws a `ValueError` naming `owner` unless `index` is an integer in `[0, length)`.
 * Datasets call it first thing in `get`.
 */
export function checkIndex(owner: string, index: number, length: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= length) {
    throw new ValueError(`${owner}.get: index ${index} is out of range for a dataset of length ${length}`);
  }
}

/** Applies `fn` to a value or to a promise's value, staying synchronous when `value` is. */
export function mapMaybe<T, U>(value: MaybePromise<T>, fn: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(fn) : fn(value);
}
