import { ValueError, normalizeAxis, type DType, type ReduceOp } from '@nnkit/core';
import { backendOf, checkDType, fromKernel, record, viewOf } from '../dispatch.js';
import type { Tensor } from '../tensor.js';
import { div, eq, gt } from './binary.js';
import { cast } from './cast.js';
import { logicalNot } from './unary.js';
import { reshape } from './views.js';

/** An axis argument: one axis, several, or undefined for all of them. */
export type AxisArg = number | readonly number[] | undefined;

/** Sorted, distinct, non-negative axes; all axes when `axis` is undefined. */
export function normalizeAxes(x: Tensor, axis: AxisArg, op: string): number[] {
  if (axis === undefined) return x.shape.map((_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  const axes = list.map((a) => normalizeAxis(a, x.ndim, op)).filter((a) => a < x.ndim);
  return [...new Set(axes)].sort((a, b) => a - b);
}

/** The shape after reducing `axes` (kept as 1s with `keepdim`). */
export function reducedShape(shape: readonly number[], axes: readonly number[], keepdim: boolean): number[] {
  return keepdim ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
}

function reduce(op: ReduceOp, x: Tensor, axis: AxisArg, keepdim: boolean): Tensor {
  const backend = backendOf(op, [x]);
  const axes = normalizeAxes(x, axis, op);
  const dtype: DType = (op === 'sum' || op === 'prod') && (x.dtype === 'bool' || x.dtype === 'int32') ? 'int32' : x.dtype;
  checkDType(backend, dtype, op);
  if ((op === 'max' || op === 'min') && axes.some((a) => x.shape[a] === 0)) {
    throw new ValueError(`${op}: cannot reduce an empty dimension of shape ${JSON.stringify(x.shape)}`);
  }
  const data = backend.reduce(op, viewOf(x, op), axes, dtype);
  return record(op, [x], fromKernel(backend, data, reducedShape(x.shape, axes, keepdim), dtype), { axes, keepdim });
}

/**
 * Sum over `axis` (all axes when omitted); bool and int32 sum to int32.
 *
 * @example sum(tensor([[1, 2], [3, 4]]), 0) // tensor([4, 6])
 */
export const sum = (x: Tensor, axis?: AxisArg, keepdim = false): Tensor => reduce('sum', x, axis, keepdim);
/** Product over `axis`. */
export const prod = (x: Tensor, axis?: AxisArg, keepdim = false): Tensor => reduce('prod', x, axis, keepdim);
/** Maximum over `axis`; NaN propagates. */
export const max = (x: Tensor, axis?: AxisArg, keepdim = false): Tensor => reduce('max', x, axis, keepdim);
/** Minimum over `axis`; NaN propagates. */
export const min = (x: Tensor, axis?: AxisArg, keepdim = false): Tensor => reduce('min', x, axis, keepdim);

/** Arithmetic mean over `axis`; integers average as float32; empty → NaN. */
export function mean(x: Tensor, axis?: AxisArg, keepdim = false): Tensor {
  const axes = normalizeAxes(x, axis, 'mean');
  const count = axes.reduce((n, a) => n * x.shape[a], 1);
  const s = sum(x, axes, keepdim);
  try {
    return div(s, count);
  } finally {
    s.dispose();
  }
}

function argReduce(op: 'argmax' | 'argmin', x: Tensor, axis: number | undefined, keepdim: boolean): Tensor {
  if (axis === undefined) {
    const flat = reshape(x, [-1]);
    try {
      const r = argReduce(op, flat, 0, false);
      if (!keepdim) return r;
      const shaped = reshape(r, x.shape.map(() => 1));
      r.dispose();
      return shaped;
    } finally {
      flat.dispose();
    }
  }
  const backend = backendOf(op, [x]);
  const a = normalizeAxis(axis, x.ndim, op);
  if (x.ndim === 0) return fromKernel(backend, backend.full(1, 0, 'int32'), [], 'int32');
  if (x.shape[a] === 0) throw new ValueError(`${op}: cannot reduce an empty dimension of shape ${JSON.stringify(x.shape)}`);
  checkDType(backend, 'int32', op);
  const data = backend.argReduce(op, viewOf(x, op), a);
  return record(op, [x], fromKernel(backend, data, reducedShape(x.shape, [a], keepdim), 'int32'), { axis: a, keepdim });
}

/** int32 index of the first maximum along `axis` (of the flattened tensor when omitted). */
export const argmax = (x: Tensor, axis?: number, keepdim = false): Tensor => argReduce('argmax', x, axis, keepdim);
/** int32 index of the first minimum along `axis` (of the flattened tensor when omitted). */
export const argmin = (x: Tensor, axis?: number, keepdim = false): Tensor => argReduce('argmin', x, axis, keepdim);

function countTrue(x: Tensor, negate: boolean, axis: AxisArg, keepdim: boolean): Tensor {
  const b = negate ? logicalNot(x) : cast(x, 'bool');
  const n = sum(b, axis, keepdim);
  if (b !== x) b.dispose();
  return n;
}

/** True where every element along `axis` is non-zero (true for an empty set). */
export function all(x: Tensor, axis?: AxisArg, keepdim = false): Tensor {
  const n = countTrue(x, true, axis, keepdim);
  try {
    return eq(n, 0);
  } finally {
    n.dispose();
  }
}

/** True where some element along `axis` is non-zero (false for an empty set). */
export function any(x: Tensor, axis?: AxisArg, keepdim = false): Tensor {
  const n = countTrue(x, false, axis, keepdim);
  try {
    return gt(n, 0);
  } finally {
    n.dispose();
  }
}
