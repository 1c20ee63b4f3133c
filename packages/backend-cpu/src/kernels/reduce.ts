import { ValueError, formatShape, sizeOf } from '@nnkit/core';
import type { DType, ReduceOp, TypedArray } from '@nnkit/core';
import { computeOutput } from '../output.js';
import { permute, readContiguous } from '../strided.js';
import type { Strided } from '../strided.js';

/** Checks that `axes` are sorted, distinct and in range for `ndim` dims. */
export function checkAxes(op: string, axes: readonly number[], ndim: number): void {
  for (let i = 0; i < axes.length; i++) {
    const a = axes[i];
    if (!Number.isInteger(a) || a < 0 || a >= ndim || (i > 0 && a <= axes[i - 1])) {
      throw new ValueError(
        `${op}: axes ${formatShape(axes)} must be sorted, distinct and within 0..${ndim - 1} for a tensor with ${ndim} dimension(s)`,
      );
    }
  }
}

/** Moves the reduced axes last, so that each output element reduces one contiguous run. */
function reducedLast(x: Strided, axes: readonly number[]): { data: TypedArray; groups: number; run: number } {
  const kept = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const { shape, strides } = permute(x.shape, x.strides, [...kept, ...axes]);
  const run = sizeOf(axes.map((d) => x.shape[d]));
  const groups = sizeOf(kept.map((d) => x.shape[d]));
  return { data: readContiguous({ array: x.array, shape, strides, offset: x.offset }), groups, run };
}

function reduceRun(op: ReduceOp, d: TypedArray, start: number, run: number): number {
  const end = start + run;
  if (op === 'sum') {
    let s = 0;
    for (let j = start; j < end; j++) s += d[j];
    return s;
  }
  if (op === 'prod') {
    let p = 1;
    for (let j = start; j < end; j++) p *= d[j];
    return p;
  }
  let m = d[start];
  // `v !== v` lets a NaN in, and nothing compares greater (or less) than NaN to get it out.
  if (op === 'max') {
    for (let j = start + 1; j < end; j++) if (d[j] > m || d[j] !== d[j]) m = d[j];
  } else {
    for (let j = start + 1; j < end; j++) if (d[j] < m || d[j] !== d[j]) m = d[j];
  }
  return m;
}

/**
 * Reduces `axes` away with `op`, accumulating in float64 and storing as `outDtype`.
 * An empty run sums to 0 and multiplies to 1; max/min of one throw `ValueError`.
 *
 * @example reduceKernel('sum', x2x3, [1], 'float32') // row sums, shape [2]
 */
export function reduceKernel(op: ReduceOp, x: Strided, axes: readonly number[], outDtype: DType): TypedArray {
  if (op !== 'sum' && op !== 'prod' && op !== 'max' && op !== 'min') {
    throw new ValueError(`reduce: unknown op '${String(op)}'`);
  }
  checkAxes(op, axes, x.shape.length);
  const { data, groups, run } = reducedLast(x, axes);
  if (run === 0 && (op === 'max' || op === 'min')) {
    throw new ValueError(
      `${op}: cannot reduce an empty dimension (shape ${formatShape(x.shape)}, axes ${formatShape(axes)})`,
    );
  }
  return computeOutput(outDtype, groups, (out) => {
    for (let g = 0; g < groups; g++) out[g] = reduceRun(op, data, g * run, run);
  });
}
