import { contiguousStrides } from '@nnkit/core';
import type { DType, TypedArray } from '@nnkit/core';
import { viewOffsets } from '../strided.js';
import type { Strided } from '../strided.js';
import { copyKernel } from './copy.js';
import { atLeast1d, checkAxis, checkIndexFits, indexOutOfRange } from './indexing.js';

/**
 * torch.scatter_add into a fresh copy of x (src has x's dtype): `out[index[i][j]][j] += src[i][j]` for axis 0
 * (likewise for other axes). Repeated indices accumulate; each add is stored in x's dtype as
 * it happens (float32 rounds, int32 wraps, bool ors).
 *
 * @example scatterAddKernel(zeros3, 'float32', 0, idx([0, 0, 2]), ones3) // [2, 0, 1]
 */
export function scatterAddKernel(
  x0: Strided, dtype: DType, axis: number, index0: Strided, src0: Strided,
): TypedArray {
  checkAxis('scatterAdd', axis, x0.shape.length);
  checkIndexFits('scatterAdd', index0.shape, src0.shape, 'src', axis, false);
  checkIndexFits('scatterAdd', index0.shape, x0.shape, 'input', axis, true);
  const out = copyKernel(x0, dtype);
  const [index, src] = [atLeast1d(index0), atLeast1d(src0)];
  const shape = atLeast1d(x0).shape;
  const outStrides = contiguousStrides(shape);
  const size = shape[axis];
  const step = outStrides[axis];
  const base = viewOffsets(index.shape, outStrides.map((s, d) => (d === axis ? 0 : s)), 0);
  const at = viewOffsets(index.shape, index.strides, index.offset);
  const from = viewOffsets(index.shape, src.strides, src.offset);
  const idx = index.array;
  const values = src.array;
  const isBool = dtype === 'bool';
  for (let i = 0; i < at.length; i++) {
    const k = idx[at[i]];
    if (k < 0 || k >= size) throw indexOutOfRange('scatterAdd', k, axis, size);
    const p = base[i] + k * step;
    out[p] = isBool ? out[p] | values[from[i]] : out[p] + values[from[i]];
  }
  return out;
}
