import type { BinaryOp, DType, FusedActivation, UnaryOp } from '@nnkit/core';

type NoAttrs = Record<string, never>;

/**
 * Every op that tensor records for autograd, with the attributes its gradient rule needs.
 * Composite ops (relu, softmax, linear, …) are never recorded themselves: their primitives
 * are. `@nnkit/autograd` keeps one rule per key; a key without a rule is a compile error.
 */
export type PrimitiveAttrs = { [K in UnaryOp | BinaryOp]: NoAttrs } & {
  sum: { readonly axes: readonly number[]; readonly keepdim: boolean };
  prod: { readonly axes: readonly number[]; readonly keepdim: boolean };
  max: { readonly axes: readonly number[]; readonly keepdim: boolean };
  min: { readonly axes: readonly number[]; readonly keepdim: boolean };
  argmax: { readonly axis: number; readonly keepdim: boolean };
  argmin: { readonly axis: number; readonly keepdim: boolean };
  /** Batched matmul of two ≥2-D tensors with equal batch dims. */
  matmul: NoAttrs;
  reshape: { readonly shape: readonly number[] };
  permute: { readonly dims: readonly number[] };
  expand: { readonly shape: readonly number[] };
  /** A strided window: element i of dim d is input index `starts[d] + i * steps[d]`. */
  slice: { readonly starts: readonly number[]; readonly steps: readonly number[]; readonly shape: readonly number[] };
  /** The adjoint of slice: zeros of `shape` with the input written into the window. */
  sliceScatter: { readonly shape: readonly number[]; readonly starts: readonly number[]; readonly steps: readonly number[] };
  contiguous: NoAttrs;
  cast: { readonly dtype: DType };
  where: NoAttrs;
  gather: { readonly axis: number };
  scatterAdd: { readonly axis: number };
  concat: { readonly axis: number };
  /** Fused `act(x·wᵀ + b)` from a backend fast path. */
  linear: { readonly activation: FusedActivation };
  /** Fused per-row `logsumexp(logits) - logits[label]` from a backend fast path. */
  softmaxCrossEntropy: NoAttrs;
  /** A copy onto another backend. */
  transfer: NoAttrs;
};

/** The name of a recorded op. */
export type PrimitiveName = keyof PrimitiveAttrs;
