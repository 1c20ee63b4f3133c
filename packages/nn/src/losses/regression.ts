import { ValueError } from '@nnkit/core';
import { tidy, where, type Tensor } from '@nnkit/tensor';
import { Loss, reduce, sameShape, type Reduction } from './reduction.js';

/** Mean squared error: (x − y)². */
export class MSELoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    sameShape('MSELoss', input, target);
    return tidy(() => reduce(input.sub(target).square(), this.reduction));
  }
}

/** Mean absolute error: |x − y|. */
export class L1Loss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    sameShape('L1Loss', input, target);
    return tidy(() => reduce(input.sub(target).abs(), this.reduction));
  }
}

/** Huber loss: ½d² where |d| < δ, else δ(|d| − ½δ). */
export class HuberLoss extends Loss {
  readonly delta: number;
  constructor(options: { reduction?: Reduction; delta?: number } = {}) {
    super(options);
    this.delta = options.delta ?? 1;
    if (!(this.delta > 0)) throw new ValueError(`HuberLoss: delta must be positive, got ${this.delta}`);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    sameShape('HuberLoss', input, target);
    const d = this.delta;
    return tidy(() => {
      const diff = input.sub(target);
      const a = diff.abs();
      return reduce(where(a.lt(d), diff.square().mul(0.5), a.sub(0.5 * d).mul(d)), this.reduction);
    });
  }
  override extraRepr(): string {
    return `reduction='${this.reduction}', delta=${this.delta}`;
  }
}
