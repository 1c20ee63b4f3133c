import type { Backend, DType, FusedActivation, Generator } from '@nnkit/core';
import { linear, zeros, type Tensor } from '@nnkit/tensor';
import { calculateFans, kaimingUniform, uniform } from '../init.js';
import { Module } from '../module.js';

/** Options of `Linear`. */
export interface LinearOptions {
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** Add a learnable bias (default true). */
  readonly bias?: boolean;
  readonly dtype?: DType;
  readonly backend?: Backend;
  readonly generator?: Generator;
}

/**
 * y = x·Wᵀ + b, with W `[out, in]` and PyTorch's default initialisation
 * (kaiming-uniform with a = √5, i.e. U(±1/√in), for both W and b).
 *
 * @example new Linear({ inFeatures: 784, outFeatures: 128 }).call(x) // [N, 128]
 */
export class Linear extends Module<[x: Tensor, activation?: FusedActivation], Tensor> {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(readonly options: LinearOptions) {
    super();
    const { inFeatures, outFeatures, bias = true, dtype = 'float32', backend, generator } = options;
    const w = zeros([outFeatures, inFeatures], { dtype, backend });
    kaimingUniform(w, { a: Math.sqrt(5), generator });
    this.weight = this.registerParameter('weight', w);
    let b: Tensor | null = null;
    if (bias) {
      const bound = inFeatures > 0 ? 1 / Math.sqrt(calculateFans(w).fanIn) : 0;
      b = uniform(zeros([outFeatures], { dtype, backend }), -bound, bound, { generator });
    }
    this.bias = this.registerParameter('bias', b);
  }

  /** `act(x·Wᵀ + b)`: `Sequential` passes `'relu'` when a `ReLU` follows, to fuse the two. */
  forward(x: Tensor, activation: FusedActivation = 'none'): Tensor {
    return linear(x, this.weight, this.bias, activation);
  }

  override extraRepr(): string {
    return `inFeatures=${this.options.inFeatures}, outFeatures=${this.options.outFeatures}, bias=${this.bias !== null}`;
  }
}
