import { ValueError } from '@nnkit/core';
import type { DType, TypedArray } from '@nnkit/core';
import { toBool } from '../output.js';
import { takeArray } from '../buffer-pool.js';

/**
 * A copy of `values` as `dtype`, converted as the typed array converts them, except that bool
 * stores `x != 0` (NaN true) so that a bool buffer only ever holds 0 and 1.
 *
 * @example uploadKernel([1.7, -2.2], 'int32') // Int32Array [1, -2]
 */
export function uploadKernel(values: ArrayLike<number>, dtype: DType): TypedArray {
  if (dtype === 'bool') return toBool(values);
  const out = takeArray(dtype, values.length);
  out.set(values);
  return out;
}

/**
 * `size` copies of `value` as `dtype` (bool: `value != 0`).
 *
 * @example fullKernel(3, 0.5, 'float32') // Float32Array [0.5, 0.5, 0.5]
 */
export function fullKernel(size: number, value: number, dtype: DType): TypedArray {
  if (!Number.isInteger(size) || size < 0) {
    throw new ValueError(`full: size must be a non-negative integer, got ${size}`);
  }
  const out = takeArray(dtype, size);
  out.fill(dtype === 'bool' ? (value !== 0 ? 1 : 0) : value);
  return out;
}
