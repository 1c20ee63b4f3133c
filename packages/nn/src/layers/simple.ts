import { ValueError, type Generator } from '@nnkit/core';
import { bernoulli, flatten, tidy, type Tensor } from '@nnkit/tensor';
import { Module } from '../module.js';

/** Returns its input unchanged. */
export class Identity extends Module {
  forward(x: Tensor): Tensor {
    return x;
  }
}

/** Flattens dims `startDim..endDim` (default 1..−1, keeping the batch dim). */
export class Flatten extends Module {
  constructor(readonly options: { startDim?: number; endDim?: number } = {}) {
    super();
  }
  forward(x: Tensor): Tensor {
    return flatten(x, this.options.startDim ?? 1, this.options.endDim ?? -1);
  }
  override extraRepr(): string {
    return `startDim=${this.options.startDim ?? 1}, endDim=${this.options.endDim ?? -1}`;
  }
}

/**
 * Zeroes each element with probability `p` in training and scales the rest by 1/(1−p);
 * the identity in eval mode. Masks come from the seeded generator.
 */
export class Dropout extends Module {
  readonly p: number;
  constructor(readonly options: { p?: number; generator?: Generator } = {}) {
    super();
    this.p = options.p ?? 0.5;
    if (!(this.p >= 0 && this.p <= 1)) throw new ValueError(`Dropout: p must be in [0, 1], got ${this.p}`);
  }
  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    if (this.p === 1) return x.mul(0);
    const { p, options } = this;
    return tidy(() => x.mul(bernoulli(x.shape, 1 - p, { dtype: x.dtype, backend: x.backend, generator: options.generator }).div(1 - p)));
  }
  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
