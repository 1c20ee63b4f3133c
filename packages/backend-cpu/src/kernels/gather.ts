import { sizeOf } from '@nnkit/core';
import type { DType, TypedArray } from '@nnkit/core';
import { viewOffsets } from '../strided.js';
import type { Strided } from '../strided.js';
import { atLeast1d, checkAxis, checkIndexFits, indexOutOfRange } from './indexing.js';
import { takeArray } from '../buffer-pool.js';

/**
 * torch.gather: `out[i][j][k] = x[index[i][j][k]][j][k]` for axis 0 (likewise for other axes);
 * the output has index's shape and x's dtype. `index` holds int32 values in `0..x.shape[axis]-1`.
 *
 * @example gatherKernel(x2x3, 'float32', 1, idx2x1) // picks one column per row
 */
export function gatherKernel(x0: Strided, dtype: DType, axis: number, index0: Strided): TypedArray {
  checkAxis('gather', axis, x0.shape.length);
  checkIndexFits('gather', index0.shape, x0.shape, 'input', axis, true);
  const x = atLeast1d(x0);
  const index = atLeast1d(index0);
  const size = x.shape[axis];
  const step = x.strides[axis];
  // x's offset for each index position, with the gathered axis left at 0.
  const base = viewOffsets(index.shape, x.strides.map((s, d) => (d === axis ? 0 : s)), x.offset);
  const at = viewOffsets(index.shape, index.strides, index.offset);
  const out = takeArray(dtype, sizeOf(index.shape));
  const xs = x.array;
  const idx = index.array;
  for (let i = 0; i < out.length; i++) {
    const k = idx[at[i]];
    if (k < 0 || k >= size) throw indexOutOfRange('gather', k, axis, size);
    out[i] = xs[base[i] + k * step];
  }
  return out;
}
