import type { DType, TypedArray } from '@nnkit/core';
import { computeOutput } from '../output.js';
import { readContiguous } from '../strided.js';
import type { Strided } from '../strided.js';

/**
 * `cond ? a : b` elementwise for three views of one shape; cond holds bool (0/1) bytes.
 *
 * @example whereKernel(mask, ones, zeros, 'float32')
 */
export function whereKernel(cond: Strided, a: Strided, b: Strided, outDtype: DType): TypedArray {
  const c = readContiguous(cond);
  const x = readContiguous(a);
  const y = readContiguous(b);
  return computeOutput(outDtype, c.length, (out) => {
    for (let i = 0; i < c.length; i++) out[i] = c[i] !== 0 ? x[i] : y[i];
  });
}
