import type { DType, TypedArray } from '@nnkit/core';
import { takeArray } from './buffer-pool.js';

/**
 * A fresh array of `n` elements of `dtype`, filled by `fill`. A bool result is computed as
 * numbers first and stored as `x != 0` (NaN counts as true), so it is always 0/1 rather than
 * whatever a `Uint8Array` would wrap 2 or 0.5 to; other dtypes convert as their typed array does.
 * `zeroOne` promises that `fill` only writes 0 and 1, which skips the bool detour.
 *
 * @example computeOutput('bool', 2, (o) => { o[0] = 2; o[1] = 0; }) // Uint8Array [1, 0]
 */
export function computeOutput(
  dtype: DType,
  n: number,
  fill: (out: TypedArray) => void,
  zeroOne = false,
): TypedArray {
  // Results already 0/1 (comparisons, isnan) fit every dtype as they are.
  if (dtype !== 'bool' || zeroOne) {
    const out = takeArray(dtype, n);
    fill(out);
    return out;
  }
  const tmp = new Float64Array(n);
  fill(tmp);
  return toBool(tmp);
}

/** `x != 0` elementwise as 0/1 bytes; NaN is true, as in PyTorch. */
export function toBool(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] !== 0 ? 1 : 0;
  return out;
}
