import type { DType } from '@nnkit/core';
import { walkRows } from '../strided.js';
import type { Strided } from '../strided.js';
import { castKernel } from './cast.js';

/**
 * Writes `src`'s elements, in row-major order, into the region `dst` describes, in place,
 * converting to `dst`'s dtype as `cast` does. The source is copied out first, so overlapping
 * regions of one buffer (`x[1:] = x[:-1]`) come out right.
 *
 * @example assignKernel(columnOf3x3, 'float32', vectorOf3, 'float32') // fills one column
 */
export function assignKernel(dst: Strided, dstDType: DType, src: Strided, srcDType: DType): void {
  const values = castKernel(src, srcDType, dstDType);
  const target = dst.array;
  walkRows(dst.shape, dst.strides, dst.offset, (start, step, len, index) => {
    for (let j = 0, p = start; j < len; j++, p += step) target[p] = values[index + j];
  });
}
