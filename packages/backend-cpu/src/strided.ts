import { allocArray, dtypeOfArray, isContiguous, sizeOf } from '@nnkit/core';
import type { Shape, TypedArray } from '@nnkit/core';

/** A view resolved against its buffer: the typed array plus the layout that walks it. */
export interface Strided {
  readonly array: TypedArray;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
}

/** A shape with its strides. */
export interface Layout {
  readonly shape: number[];
  readonly strides: number[];
}

/**
 * Drops size-1 dims and merges neighbours that step through memory as one dim, so that a walk
 * has as few and as long rows as it can (a contiguous view becomes one row).
 *
 * @example coalesce([2, 3, 1], [3, 1, 7]) // { shape: [6], strides: [1] }
 */
export function coalesce(shape: Shape, strides: readonly number[]): Layout {
  const outShape: number[] = [];
  const outStrides: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    const d = shape[i];
    if (d === 1) continue;
    const k = outShape.length - 1;
    if (k >= 0 && outStrides[k] === strides[i] * d) {
      outShape[k] *= d;
      outStrides[k] = strides[i];
    } else {
      outShape.push(d);
      outStrides.push(strides[i]);
    }
  }
  return { shape: outShape, strides: outStrides };
}

/**
 * Visits a view's elements in row-major order, one innermost row at a time:
 * `visit(start, step, length, index)` covers buffer offsets `start, start+step, …` which are
 * elements `index … index+length-1` of the row-major order. An odometer over the outer dims
 * keeps the per-element cost to a multiply-free inner loop in the caller.
 *
 * @example
 * walkRows([2, 2], [1, 2], 0, (s, st, n, i) => console.log(s, st, n, i)); // 0 2 2 0, then 1 2 2 2
 */
export function walkRows(
  shape: Shape,
  strides: readonly number[],
  offset: number,
  visit: (start: number, step: number, length: number, index: number) => void,
): void {
  if (sizeOf(shape) === 0) return;
  const { shape: s, strides: st } = coalesce(shape, strides);
  const nd = s.length;
  if (nd === 0) {
    visit(offset, 1, 1, 0);
    return;
  }
  const len = s[nd - 1];
  const step = st[nd - 1];
  const idx = new Array<number>(nd - 1).fill(0);
  let base = offset;
  let index = 0;
  for (;;) {
    visit(base, step, len, index);
    index += len;
    let d = nd - 2;
    for (; d >= 0; d--) {
      idx[d]++;
      base += st[d];
      if (idx[d] < s[d]) break;
      base -= st[d] * s[d];
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}

/**
 * Writes a view's elements, row-major, into `dst` from `dstStart`; values convert as the
 * typed array `dst` converts them.
 */
export function packInto(src: Strided, dst: TypedArray, dstStart = 0): void {
  const a = src.array;
  walkRows(src.shape, src.strides, src.offset, (start, step, len, index) => {
    const at = dstStart + index;
    if (step === 1) {
      dst.set(a.subarray(start, start + len), at);
    } else {
      for (let j = 0, p = start; j < len; j++, p += step) dst[at + j] = a[p];
    }
  });
}

/**
 * A view's elements in row-major order, same typed array kind. Contiguous views come back as a
 * zero-copy `subarray` of the buffer, so callers must treat the result as read-only.
 */
export function readContiguous(src: Strided): TypedArray {
  const n = sizeOf(src.shape);
  if (isContiguous(src.shape, src.strides)) return src.array.subarray(src.offset, src.offset + n);
  const out = allocArray(dtypeOfArray(src.array), n);
  // A broadcast scalar (every stride 0, as `x.mul(0.9)` makes) is one native fill.
  if (n > 0 && src.strides.every((st) => st === 0)) return out.fill(src.array[src.offset]);
  packInto(src, out);
  return out;
}

/** The buffer offset of each element of a layout, in row-major order. */
export function viewOffsets(shape: Shape, strides: readonly number[], offset: number): Int32Array {
  const out = new Int32Array(sizeOf(shape));
  walkRows(shape, strides, offset, (start, step, len, index) => {
    for (let j = 0, p = start; j < len; j++, p += step) out[index + j] = p;
  });
  return out;
}

/** Reorders a layout's dims: `permute(layout, [1, 0])` is a transpose. */
export function permute(shape: Shape, strides: readonly number[], order: readonly number[]): Layout {
  return { shape: order.map((d) => shape[d]), strides: order.map((d) => strides[d]) };
}
