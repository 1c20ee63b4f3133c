import type { DType } from '@nnkit/core';
import * as T from '@nnkit/tensor';
import { DOMAINS } from '../domains.js';
import { ALL, NUMERIC, floatMath } from '../dtype-sets.js';
import * as R from '../reference/reductions.js';
import type { Section } from '../section.js';
import { reduceCases, type ReduceSpec } from './reduce-cases.js';

type AxisOp = 'sum' | 'mean' | 'prod' | 'max' | 'min' | 'all' | 'any';

const sumDType = (d: DType): DType => (d === 'float32' || d === 'float64' ? d : 'int32');

function axisOp(name: AxisOp, reducer: R.Reducer, extra: Partial<ReduceSpec>): ReduceSpec {
  return {
    name,
    dtypes: NUMERIC,
    fn: (x, axis, keepdim) => T[name](x, axis, keepdim),
    method: (x, axis, keepdim) => x[name](axis, keepdim),
    ref: (x, axes, keepdim, out) => R.reduceRef(x.cast(out), axes, keepdim, out, reducer),
    domain: DOMAINS.real,
    ...extra,
  };
}

function argOp(name: 'argmax' | 'argmin', reducer: R.Reducer): ReduceSpec {
  return {
    name,
    dtypes: NUMERIC,
    out: () => 'int32',
    // argmax takes one axis; the variants never pass a list to it.
    fn: (x, axis, keepdim) => T[name](x, axis as number | undefined, keepdim),
    method: (x, axis, keepdim) => x[name](axis as number | undefined, keepdim),
    // The oracle compares the input values themselves, not them cast to int32.
    ref: (x, axes, keepdim) => R.reduceRef(x, axes, keepdim, 'int32', reducer),
    domain: DOMAINS.ties,
    singleAxis: true,
    emptyThrows: true,
    exact: true,
  };
}

/** Reductions over axes: sums accumulate, max/min/arg pick (exactly), all/any test truth. */
export const REDUCE_SPECS: readonly ReduceSpec[] = [
  axisOp('sum', R.sumOf, { dtypes: ALL, out: sumDType }),
  axisOp('mean', R.meanOf, { out: floatMath }),
  axisOp('prod', R.prodOf, { out: sumDType, domain: DOMAINS.nearOne, noLong: true, noExtremes: true }),
  axisOp('max', R.maxOf, { dtypes: ALL, domain: DOMAINS.ties, emptyThrows: true, exact: true }),
  axisOp('min', R.minOf, { dtypes: ALL, domain: DOMAINS.ties, emptyThrows: true, exact: true }),
  axisOp('all', R.allOf, { dtypes: ALL, out: () => 'bool', domain: DOMAINS.ties, exact: true }),
  axisOp('any', R.anyOf, { dtypes: ALL, out: () => 'bool', domain: DOMAINS.ties, exact: true }),
  argOp('argmax', R.argmaxOf),
  argOp('argmin', R.argminOf),
];

/** sum, mean, prod, max, min, argmax, argmin, all, any with axes, keepdim and negative axes. */
export const reductionsSection: Section = {
  name: 'reductions',
  valueCases: (ctx) => REDUCE_SPECS.flatMap((s) => reduceCases(ctx, s)),
};
