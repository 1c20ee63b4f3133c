import type { Shape } from '@nnkit/core';

/** Views of one shape with their dims merged as far as every view allows. */
export interface Coalesced {
  readonly shape: Shape;
  /** One strides list per view, over the merged shape. */
  readonly strides: readonly (readonly number[])[];
}

/**
 * Drops size-1 dims and merges neighbours that every view walks as one (`stride[k] =
 * stride[k+1] · shape[k+1]`), so that a contiguous view becomes 1-d and a transposed one
 * stays 2-d whatever its rank. Fewer dims means fewer distinct kernels and less index math.
 *
 * @example coalesce([2, 3, 4], [[12, 4, 1], [0, 4, 1]]) // { shape: [2, 12], strides: [[12, 1], [0, 1]] }
 */
export function coalesce(shape: Shape, strides: readonly (readonly number[])[]): Coalesced {
  const dims: number[] = [];
  const out: number[][] = strides.map(() => []);
  for (let k = 0; k < shape.length; k++) {
    if (shape[k] === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && strides.every((s, v) => out[v][last] === s[k] * shape[k])) {
      dims[last] *= shape[k];
      strides.forEach((s, v) => (out[v][last] = s[k]));
      continue;
    }
    dims.push(shape[k]);
    strides.forEach((s, v) => out[v].push(s[k]));
  }
  return { shape: dims, strides: out };
}

/** Generic kernels take at least this many dims, so that ranks 1 to 4 share one kernel. */
export const MIN_RANK = 4;

/**
 * Prepends size-1 dims (stride 0) up to `MIN_RANK`, so that one kernel serves ranks 0 to 4.
 *
 * @example padRank({ shape: [5], strides: [[1]] }) // { shape: [1, 1, 1, 5], strides: [[0, 0, 0, 1]] }
 */
export function padRank(c: Coalesced): Coalesced {
  const pad = Math.max(0, MIN_RANK - c.shape.length);
  if (pad === 0) return c;
  const ones = new Array<number>(pad).fill(1);
  return { shape: [...ones, ...c.shape], strides: c.strides.map((s) => [...ones.map(() => 0), ...s]) };
}

/** Argument names `${p}0 … ${p}{n-1}`. */
export function argNames(p: string, n: number): string[] {
  return Array.from({ length: n }, (_, k) => `${p}${k}`);
}

/** The power of 4 (at least 1024) that bounds a loop of `n` steps: loop caps compile in. */
export function loopBucket(n: number): number {
  let b = 1024;
  while (b < n) b *= 4;
  return b;
}
