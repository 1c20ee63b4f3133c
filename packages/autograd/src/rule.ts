import type { DType } from '@nnkit/core';
import type { PrimitiveAttrs, PrimitiveName, Tensor } from '@nnkit/tensor';

/** What a gradient rule sees of the forward op. */
export interface GradContext<K extends PrimitiveName> {
  readonly attrs: PrimitiveAttrs[K];
  /** Which inputs need a gradient (others may get null). */
  readonly needs: readonly boolean[];
  readonly inputShapes: readonly (readonly number[])[];
  readonly inputDTypes: readonly DType[];
  /** A saved input (only those the rule lists in `saveInputs`). */
  input(i: number): Tensor;
  /** The saved output (only when the rule sets `saveOutput`). */
  output(): Tensor;
}

/**
 * One gradient rule: what it must keep from the forward pass and how it maps the output's
 * gradient to the inputs' gradients — written in tensor ops, so every backend gets it and
 * `createGraph` gives higher-order gradients.
 */
export interface GradRule<K extends PrimitiveName> {
  readonly saveInputs?: readonly number[];
  readonly saveOutput?: boolean;
  backward(g: Tensor, ctx: GradContext<K>): readonly (Tensor | null)[];
}

/** Marks an op whose output is never differentiable (comparisons, argmax, …). */
export const nonDifferentiable = Object.freeze({ nonDifferentiable: true as const });

/** The one table: every recorded primitive has an entry, or this type fails to compile. */
export type GradRules = { readonly [K in PrimitiveName]: GradRule<K> | typeof nonDifferentiable };
