import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';
import { where } from './where.js';

/** max(x, 0); NaN stays NaN and the gradient at 0 is 0, as in PyTorch. */
function relu(x: Tensor): Tensor {
  return tidy(() => where(x.le(0), 0, x));
}

/** x for x > 0, else negativeSlope·x. */
function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return tidy(() => where(x.gt(0), x, x.mul(negativeSlope)));
}

/** x for x > 0, else α(eˣ − 1). */
function elu(x: Tensor, alpha = 1): Tensor {
  // The untaken branch is fed 0, so its gradient cannot overflow into NaN.
  return tidy(() => {
    const pos = x.gt(0);
    return where(pos, x, where(pos, 0, x).expm1().mul(alpha));
  });
}

/**
 * Gaussian error linear unit: x·Φ(x) with the exact erf form, or PyTorch's tanh
 * approximation with `'tanh'`.
 */
function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  return tidy(() => {
    if (approximate === 'tanh') {
      const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
      return x.mul(0.5).mul(inner.tanh().add(1));
    }
    return x.mul(0.5).mul(x.mul(Math.SQRT1_2).erf().add(1));
  });
}

/** log(1 + e^(βx))/β, linear above `threshold` (as torch.nn.functional.softplus). */
function softplus(x: Tensor, beta = 1, threshold = 20): Tensor {
  return tidy(() => {
    const bx = x.mul(beta);
    // Clamp before exp so that the branch not taken cannot overflow into the gradient.
    const safe = where(bx.gt(threshold), 0, bx);
    return where(bx.gt(threshold), x, safe.exp().log1p().div(beta));
  });
}

/** x·sigmoid(x) (a.k.a. swish). */
function silu(x: Tensor): Tensor {
  return tidy(() => x.mul(x.sigmoid()));
}

/** The activation functions, composed from primitives (gradients come through them). */
export const activations = { relu, leakyRelu, elu, gelu, softplus, silu };
export { relu, leakyRelu, elu, gelu, softplus, silu };
