import type { Tensor } from '@nnkit/tensor';
import { Module } from '../module.js';

/** max(x, 0). */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return x.relu();
  }
}

/** x for x > 0, else negativeSlope·x. */
export class LeakyReLU extends Module {
  constructor(readonly options: { negativeSlope?: number } = {}) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.leakyRelu(this.options.negativeSlope ?? 0.01);
  }
  override extraRepr(): string {
    return `negativeSlope=${this.options.negativeSlope ?? 0.01}`;
  }
}

/** x for x > 0, else α(eˣ − 1). */
export class ELU extends Module {
  constructor(readonly options: { alpha?: number } = {}) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.elu(this.options.alpha ?? 1);
  }
  override extraRepr(): string {
    return `alpha=${this.options.alpha ?? 1}`;
  }
}

/** x·Φ(x) (exact), or the tanh approximation. */
export class GELU extends Module {
  constructor(readonly options: { approximate?: 'none' | 'tanh' } = {}) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.gelu(this.options.approximate ?? 'none');
  }
  override extraRepr(): string {
    return `approximate='${this.options.approximate ?? 'none'}'`;
  }
}

/** 1 / (1 + e⁻ˣ). */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
}

/** tanh x. */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return x.tanh();
  }
}

/** log(1 + e^(βx))/β, linear above the threshold. */
export class Softplus extends Module {
  constructor(readonly options: { beta?: number; threshold?: number } = {}) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.softplus(this.options.beta ?? 1, this.options.threshold ?? 20);
  }
  override extraRepr(): string {
    return `beta=${this.options.beta ?? 1}, threshold=${this.options.threshold ?? 20}`;
  }
}

/** Softmax along `dim` (default −1). */
export class Softmax extends Module {
  constructor(readonly options: { dim?: number } = {}) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.softmax(this.options.dim ?? -1);
  }
  override extraRepr(): string {
    return `dim=${this.options.dim ?? -1}`;
  }
}

/** log(softmax(x)) along `dim` (default −1), computed stably. */
export class LogSoftmax extends Module {
  constructor(readonly options: { dim?: number } = {}) {
    super();
  }
  forward(x: Tensor): Tensor {
    return x.logSoftmax(this.options.dim ?? -1);
  }
  override extraRepr(): string {
    return `dim=${this.options.dim ?? -1}`;
  }
}
