import { ValueError, type DType } from '@nnkit/core';
import type { Tensor } from '@nnkit/tensor';
import type { Expected, ValueCase } from '../case.js';
import { declared, supports, type SuiteContext } from '../context.js';
import { EXTREME_FLOATS, generatorFor, type Domain } from '../domains.js';
import type { NdArray } from '../reference/ndarray.js';
import { refAxes } from '../reference/reductions.js';
import { buildReference, layoutInput, valuesInput, type InputSpec, type Layout } from '../samples.js';

/** An axis argument as the tensor API takes it. */
export type AxisArg = number | readonly number[] | undefined;

/** One reduction (or lane op like softmax) and how to check it. */
export interface ReduceSpec {
  readonly name: string;
  readonly dtypes: readonly DType[];
  /** Result dtype per input dtype (default: the input's). */
  readonly out?: (dtype: DType) => DType;
  /** Function form and method form. */
  readonly fn: (x: Tensor, axis: AxisArg, keepdim: boolean) => Tensor;
  readonly method: (x: Tensor, axis: AxisArg, keepdim: boolean) => Tensor;
  /** The oracle: the input reduced over normalized `axes` into dtype `out`. */
  readonly ref: (x: NdArray, axes: readonly number[], keepdim: boolean, out: DType) => NdArray;
  readonly domain: Domain;
  /** Takes one axis (argmax, softmax) rather than a list. */
  readonly singleAxis?: boolean;
  /** Lane ops (softmax) need an axis and keep the shape. */
  readonly lane?: boolean;
  /** Reducing an empty dim has no identity: ValueError. */
  readonly emptyThrows?: boolean;
  /** The op name its errors must mention (default: the name up to any parenthesis). */
  readonly errorName?: string;
  /** Picks an element: compare exactly. */
  readonly exact?: boolean;
  /** Skip the 4096-element case (products overflow). */
  readonly noLong?: boolean;
  /** Skip the ±1e30 row (float32 overflow in intermediate squares and products). */
  readonly noExtremes?: boolean;
  /** Rows with NaN / ±Infinity (default: SPECIAL_ROWS); null to skip. */
  readonly specialRows?: readonly (readonly number[])[] | null;
}

/** Rows with NaN, ±Infinity and both infinities, reduced along the last axis and the first. */
export const SPECIAL_ROWS: readonly (readonly number[])[] = [
  [1, Number.NaN, 2, 3],
  [Infinity, 1, 2, -Infinity],
  [-Infinity, 0, 1, 2],
];

interface Variant {
  readonly label: string;
  readonly axis: AxisArg;
  readonly keepdim: boolean;
}

const v = (label: string, axis: AxisArg, keepdim = false): Variant => ({ label, axis, keepdim });

function variantsFor(spec: ReduceSpec, layout: Layout | 'long' | 'rows'): Variant[] {
  if (spec.lane) {
    if (layout === 'contiguous') return [v('axis -1', -1), v('axis 0', 0), v('axis 1', 1)];
    if (layout === 'scalar') return [v('axis 0', 0)];
    return [v('axis -1', -1), v('axis 0', 0)];
  }
  const all = v('all', undefined);
  if (layout === 'contiguous') {
    const multi = spec.singleAxis ? [] : [v('axes [0,-1]', [0, -1]), v('axes [-1,0] keepdim', [-1, 0], true)];
    return [all, v('axis 0', 0), v('axis -1 keepdim', -1, true), v('axis -2', -2), v('all keepdim', undefined, true), ...multi];
  }
  if (layout === 'scalar') return [all, v('axis 0', 0), v('axis -1 keepdim', -1, true)];
  if (layout === 'empty') return [all, v('axis 0', 0), v('axis -1', -1)];
  if (layout === 'long') return [all, v('axis -1', -1)];
  if (layout === 'rows') return [v('axis -1', -1), v('axis 0', 0)];
  return [all, v('axis -1', -1)];
}

function expectedFor(spec: ReduceSpec, x: NdArray, variant: Variant, out: DType): Expected {
  const axes = refAxes(variant.axis, x.ndim);
  if (spec.emptyThrows && axes.some((a) => x.shape[a] === 0)) {
    return { throws: ValueError, mentions: [spec.errorName ?? spec.name.split('(')[0]] };
  }
  return spec.ref(x, axes, variant.keepdim, out);
}

function combinedCount(shape: readonly number[], variant: Variant): number {
  return refAxes(variant.axis, shape.length).reduce((n, a) => n * shape[a], 1);
}

/** All cases of one reduction: each layout with its axis variants, long runs, edge rows. */
export function reduceCases(ctx: SuiteContext, spec: ReduceSpec): ValueCase[] {
  const cases: ValueCase[] = [];
  for (const dtype of declared(ctx, spec.dtypes)) {
    const out = spec.out?.(dtype) ?? dtype;
    if (!supports(ctx, out)) continue;
    const inputs: [Layout | 'long' | 'rows', string, InputSpec][] = (['scalar', 'empty', 'contiguous', 'transposed', 'strided', 'expanded'] as const)
      .map((l) => [l, l, layoutInput(l, [2, 3, 4], dtype, spec.domain, generatorFor(`${spec.name}/${dtype}/${l}`))]);
    if (!spec.noLong) inputs.push(['long', 'long [4,1024]', layoutInput('contiguous', [4, 1024], dtype, spec.domain, generatorFor(`${spec.name}/${dtype}/long`))]);
    const isFloat = dtype === 'float32' || dtype === 'float64';
    if (isFloat && !spec.noExtremes) inputs.push(['rows', 'extreme values', valuesInput(EXTREME_FLOATS, dtype, [2, 4])]);
    const rows = spec.specialRows === undefined ? SPECIAL_ROWS : spec.specialRows;
    if (isFloat && rows) inputs.push(['rows', 'NaN and ±Infinity', valuesInput(rows.flat(), dtype, [rows.length, rows[0].length])]);
    for (const [layout, label, input] of inputs) {
      for (const variant of variantsFor(spec, layout)) {
        const viaMethod = layout === 'contiguous';
        cases.push({
          name: `${spec.name} · ${dtype} · ${label} · ${variant.label}${viaMethod ? ' (method)' : ''}`,
          op: spec.name,
          dtype,
          inputs: [input],
          run: ([x]) => (viaMethod ? spec.method : spec.fn)(x, variant.axis, variant.keepdim),
          expected: ([x]) => expectedFor(spec, x, variant, out),
          combined: combinedCount(buildReference(input).shape, variant),
          exact: spec.exact,
        });
      }
    }
  }
  return cases;
}
