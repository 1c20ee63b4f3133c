import { ShapeError, ValueError, contiguousStrides, formatShape, normalizeAxis, promoteTypes, sizeOf } from '@nnkit/core';
import { backendOf, checkDType, fromKernel, record, viewOf } from '../dispatch.js';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { narrow, unsqueeze } from './views.js';

/**
 * Joins tensors along an existing axis; all other dims must match.
 *
 * @example concat([ones([2, 3]), zeros([1, 3])], 0).shape // [3, 3]
 */
export function concat(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ValueError('concat: needs at least one tensor');
  const first = tensors[0];
  if (first.ndim === 0) throw new ShapeError('concat: zero-dimensional tensors cannot be concatenated; use stack');
  const a = normalizeAxis(axis, first.ndim, 'concat');
  for (const t of tensors) {
    if (t.ndim !== first.ndim || t.shape.some((d, i) => i !== a && d !== first.shape[i])) {
      throw new ShapeError(
        `concat: shapes ${tensors.map((x) => formatShape(x.shape)).join(', ')} differ outside axis ${a}`,
      );
    }
  }
  const backend = backendOf('concat', tensors);
  const dtype = tensors.map((t) => t.dtype).reduce(promoteTypes);
  checkDType(backend, dtype, 'concat');
  const shape = [...first.shape];
  shape[a] = tensors.reduce((n, t) => n + t.shape[a], 0);
  return tidy(() => {
    const inputs = tensors.map((t) => cast(t, dtype));
    const out = fromKernel(backend, backend.full(sizeOf(shape), 0, dtype), shape, dtype);
    const strides = contiguousStrides(shape);
    let start = 0;
    for (const t of inputs) {
      if (t.size > 0) {
        const dst = { data: out.storage.data, dtype, shape: t.shape, strides, offset: start * strides[a] };
        backend.assign(dst, viewOf(t, 'concat'));
      }
      start += t.shape[a];
    }
    return record('concat', inputs, out, { axis: a });
  });
}

/** Joins tensors of one shape along a new axis. */
export function stack(tensors: readonly Tensor[], axis = 0): Tensor {
  if (tensors.length === 0) throw new ValueError('stack: needs at least one tensor');
  const first = tensors[0];
  for (const t of tensors) {
    if (t.ndim !== first.ndim || t.shape.some((d, i) => d !== first.shape[i])) {
      throw new ShapeError(`stack: all tensors need one shape, got ${tensors.map((x) => formatShape(x.shape)).join(', ')}`);
    }
  }
  const a = normalizeAxis(axis, first.ndim + 1, 'stack');
  return tidy(() => concat(tensors.map((t) => unsqueeze(t, a)), a));
}

/**
 * Splits into views along `axis`: pieces of `size` each (the last may be smaller), or of
 * the given sizes, which must add up to the dim.
 */
export function split(x: Tensor, sizeOrSections: number | readonly number[], axis = 0): Tensor[] {
  const a = normalizeAxis(axis, x.ndim, 'split');
  const n = x.shape[a];
  let sizes: number[];
  if (typeof sizeOrSections === 'number') {
    if (!Number.isInteger(sizeOrSections) || sizeOrSections <= 0) {
      throw new ValueError(`split: size must be a positive integer, got ${sizeOrSections}`);
    }
    sizes = [];
    for (let s = 0; s < n; s += sizeOrSections) sizes.push(Math.min(sizeOrSections, n - s));
  } else {
    sizes = [...sizeOrSections];
    if (sizes.reduce((p, q) => p + q, 0) !== n || sizes.some((s) => !Number.isInteger(s) || s < 0)) {
      throw new ValueError(`split: sizes [${sizes.join(',')}] do not add up to dim ${a} of size ${n}`);
    }
  }
  let start = 0;
  return sizes.map((s) => {
    const piece = narrow(x, a, start, s);
    start += s;
    return piece;
  });
}

/** Splits into `chunks` nearly equal views along `axis` (as torch.chunk). */
export function chunk(x: Tensor, chunks: number, axis = 0): Tensor[] {
  if (!Number.isInteger(chunks) || chunks <= 0) throw new ValueError(`chunk: chunks must be a positive integer, got ${chunks}`);
  const a = normalizeAxis(axis, x.ndim, 'chunk');
  return split(x, Math.max(1, Math.ceil(x.shape[a] / chunks)), a);
}
