import { Generator, ValueError } from '@nnkit/core';

/**
 * A uniformly random permutation of `0 … n-1` (Fisher–Yates), drawn from `generator`:
 * the same generator state always gives the same permutation.
 *
 * @example
 * randperm(5, new Generator(0)); // e.g. Uint32Array [3, 0, 4, 1, 2], the same every run
 */
export function randperm(n: number, generator: Generator): Uint32Array {
  if (!Number.isSafeInteger(n) || n < 0 || n > 2 ** 32) {
    throw new ValueError(`randperm: n must be an integer in [0, 2^32], got ${n}`);
  }
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = generator.nextInt(0, i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
