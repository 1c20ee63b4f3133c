import { Generator, ValueError } from '@nnkit/core';
import type { Dataset } from './dataset.js';
import { randperm } from './randperm.js';
import { Subset } from './subset.js';

/**
 * Splits a dataset into disjoint random subsets, as `torch.utils.data.random_split`.
 *
 * `lengths` are either counts that add up to `dataset.length`, or fractions that add up to 1;
 * fractions are floored and the leftover samples go one each to the first subsets.
 *
 * @example
 * const [train, val] = randomSplit(mnist, [0.9, 0.1], new Generator(42)); // 54000 / 6000
 */
export function randomSplit<T>(dataset: Dataset<T>, lengths: readonly number[], generator: Generator): Subset<T>[] {
  const counts = resolveLengths(dataset.length, lengths);
  const order = randperm(dataset.length, generator);
  const out: Subset<T>[] = [];
  let start = 0;
  for (const count of counts) {
    out.push(new Subset(dataset, order.subarray(start, start + count)));
    start += count;
  }
  return out;
}

function resolveLengths(n: number, lengths: readonly number[]): number[] {
  if (lengths.length === 0) throw new ValueError('randomSplit: lengths must not be empty');
  for (const l of lengths) {
    if (!Number.isFinite(l) || l < 0) throw new ValueError(`randomSplit: lengths must be non-negative numbers, got ${l}`);
  }
  const sum = lengths.reduce((a, b) => a + b, 0);
  if (lengths.every(Number.isInteger) && sum === n) return [...lengths];
  if (Math.abs(sum - 1) <= 1e-9 && lengths.every((l) => l <= 1)) {
    const counts = lengths.map((f) => Math.floor(n * f));
    const left = n - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; i < left; i++) counts[i % counts.length] += 1;
    return counts;
  }
  throw new ValueError(
    `randomSplit: lengths [${lengths.join(', ')}] add up to ${sum}; give counts that add up to the dataset length ${n} or fractions that add up to 1`,
  );
}
