import { sizeOf } from '@nnkit/core';
import type { DType, TypedArray } from '@nnkit/core';
import { packInto } from '../strided.js';
import type { Strided } from '../strided.js';
import { takeArray } from '../buffer-pool.js';

/**
 * A fresh contiguous, row-major copy of a view, in its own dtype.
 *
 * @example copyKernel(transposed2x3, 'float32') // the 3×2 transpose laid out row by row
 */
export function copyKernel(x: Strided, dtype: DType): TypedArray {
  const out = takeArray(dtype, sizeOf(x.shape));
  packInto(x, out);
  return out;
}
