import type { DType } from '@nnkit/core';
import { tensor, type Tensor } from '@nnkit/tensor';
import { sampleValues, type Domain } from './domains.js';
import type { Generator } from '@nnkit/core';
import { NdArray, type RefSlice } from './reference/ndarray.js';

/** One view applied to an input after it is created: the same step runs on tensor and oracle. */
export type ViewStep =
  | { readonly permute: readonly number[] }
  | { readonly slice: readonly RefSlice[] }
  | { readonly expand: readonly number[] };

/**
 * How to make one input: a contiguous base of `shape` holding `values` (row-major, rounded to
 * `dtype` on upload), then `views` in order. Plain data, so a case can be printed and replayed.
 */
export interface InputSpec {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly values: readonly number[];
  readonly views?: readonly ViewStep[];
}

/**
 * The memory layouts every op meets: a 0-d scalar, an empty tensor, a contiguous one, and three
 * non-contiguous views (transposed, sliced with steps and an offset, expanded with stride 0).
 */
export type Layout = 'scalar' | 'empty' | 'contiguous' | 'transposed' | 'strided' | 'expanded';

/** The layouts in the order sections use them. */
export const LAYOUTS: readonly Layout[] = ['scalar', 'empty', 'contiguous', 'transposed', 'strided', 'expanded'];

/** The logical shape an input of `layout` has when asked for `shape`. */
export function layoutShape(layout: Layout, shape: readonly number[]): number[] {
  if (layout === 'scalar') return [];
  if (layout === 'empty') return [0, ...shape.slice(1)];
  return [...shape];
}

/**
 * An input of logical shape `layoutShape(layout, shape)` with values drawn from `domain`.
 * `transposed` needs ≥ 2 dims and `expanded` ≥ 1; both fall back to `strided` otherwise.
 *
 * @example layoutInput('strided', [3, 4], 'float32', DOMAINS.real, g) // a [7, 9] base sliced [1::2, 1::2]
 */
export function layoutInput(layout: Layout, shape: readonly number[], dtype: DType, domain: Domain, g: Generator): InputSpec {
  const logical = layoutShape(layout, shape);
  const fill = (base: readonly number[]) => sampleValues(domain, dtype, base.reduce((p, q) => p * q, 1), g);
  const nd = logical.length;
  if (layout === 'transposed' && nd >= 2) {
    const dims = logical.map((_, i) => i);
    [dims[nd - 2], dims[nd - 1]] = [dims[nd - 1], dims[nd - 2]];
    const base = dims.map((d) => logical[d]);
    return { dtype, shape: base, values: fill(base), views: [{ permute: dims }] };
  }
  if (layout === 'expanded' && nd >= 1) {
    const base = nd === 1 ? [1] : nd === 2 ? [logical[0], 1] : [...logical.slice(1, -1), 1];
    return { dtype, shape: base, values: fill(base), views: [{ expand: logical }] };
  }
  if (layout === 'strided' || layout === 'transposed' || layout === 'expanded') {
    const base = logical.map((d) => 2 * d + 1);
    return { dtype, shape: base, values: fill(base), views: [{ slice: logical.map(() => [1, null, 2] as const) }] };
  }
  return { dtype, shape: logical, values: fill(logical) };
}

/** A contiguous input holding exactly `values` (1-d unless `shape` is given). */
export function valuesInput(values: readonly number[], dtype: DType, shape: readonly number[] = [values.length]): InputSpec {
  return { dtype, shape, values };
}

/** The same input with one more view step. */
export function withView(spec: InputSpec, step: ViewStep): InputSpec {
  return { ...spec, views: [...(spec.views ?? []), step] };
}

/** A built input: the tensor the op receives, and every tensor made on the way (to dispose). */
export interface BuiltInput {
  readonly tensor: Tensor;
  readonly owned: readonly Tensor[];
}

/**
 * Applies `views` to `base` through the tensor API, returning every tensor made (the last is
 * the result). Gradients flow through these views when `base` requires grad.
 */
export function applyViews(base: Tensor, views: readonly ViewStep[] = []): Tensor[] {
  const made: Tensor[] = [];
  let t = base;
  for (const step of views) {
    if ('permute' in step) t = t.permute(step.permute);
    else if ('slice' in step) t = t.slice(step.slice);
    else t = t.expand(step.expand);
    made.push(t);
  }
  return made;
}

/** Creates the input on the current backend through the public tensor API. */
export function buildTensor(spec: InputSpec): BuiltInput {
  const base = tensor(Float64Array.from(spec.values), { shape: spec.shape, dtype: spec.dtype });
  const owned = [base, ...applyViews(base, spec.views)];
  return { tensor: owned[owned.length - 1], owned };
}

/** The oracle's copy of the input: the same values (rounded to dtype) and the same views. */
export function buildReference(spec: InputSpec): NdArray {
  let a = NdArray.of(spec.values, spec.shape, spec.dtype);
  for (const step of spec.views ?? []) {
    if ('permute' in step) a = a.permute(step.permute);
    else if ('slice' in step) a = a.slice(step.slice);
    else a = a.expand(step.expand);
  }
  return a;
}

/** `[n, 1]` and `[1, n]` inputs whose broadcast meets every value of `values` with every other. */
export function crossInputs(values: readonly number[], dtype: DType): [InputSpec, InputSpec] {
  return [valuesInput(values, dtype, [values.length, 1]), valuesInput(values, dtype, [1, values.length])];
}
