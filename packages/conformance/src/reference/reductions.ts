import type { DType } from '@nnkit/core';
import { NdArray, forEachIndex } from './ndarray.js';

/** A reduction of one group of values to one number. */
export type Reducer = (values: readonly number[]) => number;

/**
 * Sorted, distinct, non-negative axes for an axis argument (all axes when undefined). A 0-d
 * array accepts axis 0 / -1 and reduces nothing, as PyTorch does.
 */
export function refAxes(axis: number | readonly number[] | undefined, ndim: number): number[] {
  if (axis === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  const rank = Math.max(ndim, 1);
  return [...new Set(list.map((a) => (a < 0 ? a + rank : a)))].filter((a) => a < ndim).sort((a, b) => a - b);
}

/**
 * Reduces `axes` of `x` with `reducer`, keeping them as size-1 dims when `keepdim`.
 *
 * @example reduceRef(x, [1], false, 'float32', sumOf) // row sums
 */
export function reduceRef(x: NdArray, axes: readonly number[], keepdim: boolean, dtype: DType, reducer: Reducer): NdArray {
  const outShape = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const inner = axes.map((a) => x.shape[a]);
  const out = NdArray.fromFn(outShape, dtype, (index) => {
    const values: number[] = [];
    const at = [...index];
    forEachIndex(inner, (sub) => {
      axes.forEach((a, k) => (at[a] = sub[k]));
      values.push(x.at(at));
    });
    return reducer(values);
  });
  return keepdim ? out : out.reshape(x.shape.filter((_, i) => !axes.includes(i)));
}

/** Applies `fn` to every 1-d lane of `x` along `axis` (non-negative), same shape out. */
export function alongAxis(x: NdArray, axis: number, dtype: DType, fn: (lane: number[]) => number[]): NdArray {
  const lanes = new Map<string, number[]>();
  const laneShape = x.shape.map((d, i) => (i === axis ? 1 : d));
  forEachIndex(laneShape, (index) => {
    const lane = Array.from({ length: x.shape[axis] }, (_, k) => x.at(index.map((v, i) => (i === axis ? k : v))));
    lanes.set(index.join(','), fn(lane));
  });
  return NdArray.fromFn(x.shape, dtype, (index) => {
    const lane = lanes.get(index.map((v, i) => (i === axis ? 0 : v)).join(',')) as number[];
    return lane[index[axis]];
  });
}

const hasNaN = (v: readonly number[]): boolean => v.some(Number.isNaN);

export const sumOf: Reducer = (v) => v.reduce((s, x) => s + x, 0);
export const prodOf: Reducer = (v) => v.reduce((s, x) => s * x, 1);
export const meanOf: Reducer = (v) => sumOf(v) / v.length;
/** torch.amax: NaN propagates. */
export const maxOf: Reducer = (v) => (hasNaN(v) ? Number.NaN : Math.max(...v));
export const minOf: Reducer = (v) => (hasNaN(v) ? Number.NaN : Math.min(...v));
export const allOf: Reducer = (v) => (v.every((x) => x !== 0) ? 1 : 0);
export const anyOf: Reducer = (v) => (v.some((x) => x !== 0) ? 1 : 0);

/** Index of the first maximum; a NaN counts as the maximum (the first NaN wins), as in PyTorch. */
export const argmaxOf: Reducer = (v) => {
  const nan = v.findIndex(Number.isNaN);
  return nan >= 0 ? nan : v.indexOf(Math.max(...v));
};
/** Index of the first minimum; a NaN counts as the minimum. */
export const argminOf: Reducer = (v) => {
  const nan = v.findIndex(Number.isNaN);
  return nan >= 0 ? nan : v.indexOf(Math.min(...v));
};

/** torch.var with `correction`: Σ(x − mean)² / max(0, n − correction). */
export const varianceOf = (correction: number): Reducer => (v) => {
  const m = meanOf(v);
  return sumOf(v.map((x) => (x - m) * (x - m))) / Math.max(0, v.length - correction);
};

/** torch.logsumexp: shifted by the max, an infinite max shifts by 0, empty gives -Infinity. */
export const logsumexpOf: Reducer = (v) => {
  if (v.length === 0) return -Infinity;
  const m = maxOf(v);
  const shift = Number.isFinite(m) ? m : 0;
  return Math.log(sumOf(v.map((x) => Math.exp(x - shift)))) + shift;
};

/** The p-norm (p = Infinity is the largest magnitude). */
export const normOf = (p: number): Reducer => (v) => {
  const a = v.map(Math.abs);
  if (p === Infinity) return maxOf(a);
  return Math.pow(sumOf(a.map((x) => Math.pow(x, p))), 1 / p);
};

/** softmax of one lane, shifted by its max (PyTorch's formula; a NaN or all -inf lane gives NaN). */
export function softmaxLane(lane: number[]): number[] {
  const m = maxOf(lane);
  const e = lane.map((x) => Math.exp(x - m));
  const s = sumOf(e);
  return e.map((x) => x / s);
}

/** log-softmax of one lane: x − logsumexp(lane). */
export function logSoftmaxLane(lane: number[]): number[] {
  const lse = logsumexpOf(lane);
  return lane.map((x) => x - lse);
}
