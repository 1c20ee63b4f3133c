import { DTypeError, ValueError, type Backend, type DType, type Generator } from '@nnkit/core';
import { noGrad } from '@nnkit/autograd';
import { indexSelect, randn, zeros, type Tensor } from '@nnkit/tensor';
import { Module } from '../module.js';

/** Options of `Embedding`. */
export interface EmbeddingOptions {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  /** This row starts at zero (and, as PyTorch, is meant to stay a padding vector). */
  readonly paddingIdx?: number;
  readonly dtype?: DType;
  readonly backend?: Backend;
  readonly generator?: Generator;
}

/** A lookup table: int32 indices of any shape → `[...shape, embeddingDim]`, rows N(0, 1). */
export class Embedding extends Module {
  readonly weight: Tensor;

  constructor(readonly options: EmbeddingOptions) {
    super();
    const { numEmbeddings: n, embeddingDim: d, paddingIdx, dtype = 'float32', backend, generator } = options;
    const w = randn([n, d], { dtype, backend, generator });
    if (paddingIdx !== undefined) {
      if (!Number.isInteger(paddingIdx) || paddingIdx < -n || paddingIdx >= n) {
        throw new ValueError(`Embedding: paddingIdx ${paddingIdx} is out of range for ${n} embeddings`);
      }
      noGrad(() => {
        const row = w.narrow(0, paddingIdx < 0 ? paddingIdx + n : paddingIdx, 1);
        const z = zeros([1, d], { dtype, backend });
        row.copy_(z);
        row.dispose();
        z.dispose();
      });
    }
    this.weight = this.registerParameter('weight', w);
  }

  forward(indices: Tensor): Tensor {
    if (indices.dtype !== 'int32') throw new DTypeError(`Embedding: indices must be int32, got ${indices.dtype}`);
    const flat = indices.reshape(-1);
    try {
      const rows = indexSelect(this.weight, 0, flat);
      const out = rows.reshape([...indices.shape, this.options.embeddingDim]);
      if (out !== rows) rows.dispose();
      return out;
    } finally {
      if (flat !== indices) flat.dispose();
    }
  }

  override extraRepr(): string {
    const pad = this.options.paddingIdx === undefined ? '' : `, paddingIdx=${this.options.paddingIdx}`;
    return `${this.options.numEmbeddings}, ${this.options.embeddingDim}${pad}`;
  }
}
