import type { DType } from '@nnkit/core';
import * as T from '@nnkit/tensor';
import { DOMAINS } from '../domains.js';
import { NUMERIC, floatMath } from '../dtype-sets.js';
import type { NdArray } from '../reference/ndarray.js';
import * as R from '../reference/reductions.js';
import type { Section } from '../section.js';
import { reduceCases, type ReduceSpec } from './reduce-cases.js';

const floatReduce = (reducer: R.Reducer) => (x: NdArray, axes: readonly number[], keepdim: boolean, out: DType) =>
  R.reduceRef(x.cast(out), axes, keepdim, out, reducer);

const laneRef = (lane: (v: number[]) => number[]) => (x: NdArray, axes: readonly number[], _keepdim: boolean, out: DType) => {
  const f = x.cast(out);
  // A 0-d tensor is one lane of length 1 (softmax of a scalar is 1, as in PyTorch).
  return f.ndim === 0 ? R.alongAxis(f.reshape([1]), 0, out, lane).reshape([]) : R.alongAxis(f, axes[0], out, lane);
};

function varSpec(kind: 'var' | 'std', correction?: number): ReduceSpec {
  const options = (keepdim: boolean) => (correction === undefined ? { keepdim } : { correction, keepdim });
  const reducer = R.varianceOf(correction ?? 1);
  return {
    name: correction === undefined ? kind : `${kind}(correction=${correction})`,
    dtypes: NUMERIC,
    out: floatMath,
    fn: (x, axis, keepdim) => (kind === 'var' ? T.variance : T.std)(x, axis, options(keepdim)),
    method: (x, axis, keepdim) => x[kind](axis, options(keepdim)),
    ref: floatReduce(kind === 'var' ? reducer : (v) => Math.sqrt(reducer(v))),
    domain: DOMAINS.real,
    noExtremes: true,
  };
}

function normSpec(p?: number): ReduceSpec {
  return {
    name: p === undefined ? 'norm' : `norm(p=${p})`,
    dtypes: NUMERIC,
    out: floatMath,
    fn: (x, axis, keepdim) => T.norm(x, p, axis, keepdim),
    method: (x, axis, keepdim) => x.norm(p, axis, keepdim),
    ref: floatReduce(R.normOf(p ?? 2)),
    domain: DOMAINS.real,
    noExtremes: true,
    // The infinity norm of nothing has no identity (torch.linalg.vector_norm refuses it too).
    emptyThrows: p === Infinity,
  };
}

/** Lane rows for softmax: a NaN, a -Infinity among finite values, and a row of -Infinity. */
const SOFTMAX_ROWS = [
  [1, Number.NaN, 2, 3],
  [-Infinity, 1, 2, 0],
  [-Infinity, -Infinity, -Infinity, -Infinity],
];

function laneSpec(name: 'softmax' | 'logSoftmax', lane: (v: number[]) => number[]): ReduceSpec {
  return {
    name,
    dtypes: NUMERIC,
    out: floatMath,
    fn: (x, axis) => T[name](x, axis as number),
    method: (x, axis) => x[name](axis as number),
    ref: laneRef(lane),
    domain: DOMAINS.wide,
    lane: true,
    singleAxis: true,
    specialRows: SOFTMAX_ROWS,
  };
}

/** Composite statistics: variance / std with correction, logsumexp, norms, softmax, log-softmax. */
export const STATISTICS_SPECS: readonly ReduceSpec[] = [
  varSpec('var'), varSpec('var', 0), varSpec('var', 2),
  varSpec('std'), varSpec('std', 0),
  {
    name: 'logsumexp',
    dtypes: NUMERIC,
    out: floatMath,
    fn: (x, axis, keepdim) => T.logsumexp(x, axis, keepdim),
    // The method needs an axis: 'all' passes every axis.
    method: (x, axis, keepdim) => x.logsumexp(axis ?? x.shape.map((_, i) => i), keepdim),
    ref: floatReduce(R.logsumexpOf),
    domain: DOMAINS.wide,
  },
  normSpec(), normSpec(1), normSpec(Infinity), normSpec(3),
  laneSpec('softmax', R.softmaxLane),
  laneSpec('logSoftmax', R.logSoftmaxLane),
];

/** var, std, logsumexp, norm, softmax and logSoftmax against float64 formulas. */
export const statisticsSection: Section = {
  name: 'statistics',
  valueCases: (ctx) => STATISTICS_SPECS.flatMap((s) => reduceCases(ctx, s)),
};
