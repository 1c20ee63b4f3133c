import { sizeOf } from '@nnkit/core';
import type { DType, TypedArray } from '@nnkit/core';
import { toBool } from '../output.js';
import { packInto, readContiguous } from '../strided.js';
import type { Strided } from '../strided.js';
import { takeArray } from '../buffer-pool.js';

/**
 * A contiguous copy converted to `dtype`. Floats to int32 truncate toward zero, NaN and ±Inf
 * give 0 and values past the int32 range wrap (JavaScript's ToInt32); anything to bool is
 * `x != 0`, so NaN is true, as in PyTorch.
 *
 * @example castKernel(floats([-1.7, 2.9, NaN]), 'float32', 'int32') // Int32Array [-1, 2, 0]
 */
export function castKernel(x: Strided, from: DType, to: DType): TypedArray {
  if (to === 'bool' && from !== 'bool') return toBool(readContiguous(x));
  const out = takeArray(to, sizeOf(x.shape));
  packInto(x, out);
  return out;
}
