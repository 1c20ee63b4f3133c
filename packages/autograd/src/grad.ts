import { AutogradError, ValueError } from '@nnkit/core';
import type { Tensor } from '@nnkit/tensor';
import { backwardPass, seedGradient } from './backward.js';

/** Options of `grad`. */
export interface GradOptions {
  /** Seed gradients, one per output (default: ones for scalar outputs). */
  readonly gradOutputs?: readonly (Tensor | undefined)[];
  /** Record the backward pass so that the result can be differentiated again. */
  readonly createGraph?: boolean;
  /** Keep the graph for another pass (defaults to `createGraph`). */
  readonly retainGraph?: boolean;
  /** Return null for inputs the outputs do not depend on, instead of throwing. */
  readonly allowUnused?: boolean;
}

/**
 * The gradients of `outputs` with respect to `inputs`, returned instead of accumulated into
 * `.grad` — `torch.autograd.grad`. With `createGraph`, higher derivatives follow.
 *
 * @example
 * const x = tensor(2, { dtype: 'float64', requiresGrad: true });
 * const [dy] = grad(x.pow(3), x, { createGraph: true }); // 3x² = 12
 * const [d2y] = grad(dy, x);                             // 6x = 12
 */
export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], options: GradOptions = {}): (Tensor | null)[] {
  const outs = Array.isArray(outputs) ? (outputs as readonly Tensor[]) : [outputs as Tensor];
  const ins = Array.isArray(inputs) ? (inputs as readonly Tensor[]) : [inputs as Tensor];
  const { gradOutputs = [], createGraph = false, retainGraph = createGraph, allowUnused = false } = options;
  if (gradOutputs.length > 0 && gradOutputs.length !== outs.length) {
    throw new ValueError(`grad: ${gradOutputs.length} gradOutputs for ${outs.length} outputs`);
  }
  for (const t of ins) {
    if (!t.requiresGrad) throw new AutogradError(`grad: input ${t.id} [${t.shape.join(',')}] does not require grad`);
  }
  const seeds = outs.map((o, i) => seedGradient(o, gradOutputs[i]));
  try {
    const result = backwardPass(
      outs.map((tensor, i) => ({ tensor, grad: seeds[i] })),
      { retainGraph, createGraph, targets: ins },
    );
    const unused = result.findIndex((g) => g === null);
    if (unused >= 0 && !allowUnused) {
      throw new AutogradError(`grad: input ${unused} was not used to compute the outputs (pass allowUnused: true to get null)`);
    }
    return result;
  } finally {
    seeds.forEach((s, i) => s !== gradOutputs[i] && s.dispose());
  }
}
