import { ShapeError, ValueError, formatShape } from '@nnkit/core';
import type { Tensor } from '@nnkit/tensor';
import { Module } from '../module.js';

/** How a loss combines its per-element values. */
export type Reduction = 'mean' | 'sum' | 'none';

/** Applies a reduction to per-element losses. */
export function reduce(losses: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return losses;
  if (reduction === 'sum') return losses.sum();
  if (reduction === 'mean') return losses.mean();
  throw new ValueError(`loss: unknown reduction '${reduction as string}' (use 'mean', 'sum' or 'none')`);
}

/** Throws a `ShapeError` naming the loss when input and target shapes differ. */
export function sameShape(loss: string, input: Tensor, target: Tensor): void {
  if (input.ndim !== target.ndim || input.shape.some((d, i) => d !== target.shape[i])) {
    throw new ShapeError(`${loss}: input ${formatShape(input.shape)} and target ${formatShape(target.shape)} differ`);
  }
}

/** The base of the losses: a module of (input, target) with a reduction. */
export abstract class Loss extends Module<[Tensor, Tensor]> {
  readonly reduction: Reduction;
  constructor(options: { reduction?: Reduction } = {}) {
    super();
    this.reduction = options.reduction ?? 'mean';
    if (!['mean', 'sum', 'none'].includes(this.reduction)) {
      throw new ValueError(`${this.constructor.name}: unknown reduction '${this.reduction}' (use 'mean', 'sum' or 'none')`);
    }
  }
  override extraRepr(): string {
    return `reduction='${this.reduction}'`;
  }
}
