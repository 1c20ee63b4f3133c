import { ValueError } from '@nnkit/core';
import { noGrad } from '@nnkit/autograd';
import { Tensor, div, stack, tidy, transfer, zeros } from '@nnkit/tensor';

/** Options of `clipGradNorm`. */
export interface ClipGradNormOptions {
  /** Throw a `ValueError` when the total norm is NaN or infinite (default false: scale anyway, as PyTorch). */
  readonly errorIfNonfinite?: boolean;
}

function gradsOf(params: Iterable<Tensor> | Tensor): Tensor[] {
  const list = params instanceof Tensor ? [params] : [...params];
  return list.filter((p) => p.grad !== null).map((p) => p.grad as Tensor);
}

/** Replaces `grad`'s values in place (same tensor object, new storage), freeing `value`. */
function rebind(grad: Tensor, value: Tensor): void {
  grad.set_(value);
  value.dispose();
}

/**
 * Scales the gradients of `params` in place so that their combined `normType`-norm (the norm
 * of all gradients as one vector; `Infinity` for the max-norm) is at most `maxNorm`, as
 * PyTorch's `clip_grad_norm_`: every gradient is multiplied by min(1, maxNorm / (total + 1e-6)).
 * Parameters without a gradient are skipped. Returns the total norm before clipping as a 0-d
 * tensor (the caller owns it); nothing is read back, so the values stay on the device.
 *
 * @example
 * loss.backward();
 * const norm = clipGradNorm(model.parameters(), 1.0);
 * opt.step();
 * console.log(norm.itemSync()); norm.dispose();
 */
export function clipGradNorm(params: Iterable<Tensor> | Tensor, maxNorm: number, normType = 2, options: ClipGradNormOptions = {}): Tensor {
  if (typeof maxNorm !== 'number' || !(maxNorm >= 0)) throw new ValueError(`clipGradNorm: invalid maxNorm ${String(maxNorm)} (must be a number >= 0)`);
  if (typeof normType !== 'number' || !(normType > 0)) throw new ValueError(`clipGradNorm: invalid normType ${String(normType)} (must be > 0 or Infinity)`);
  const grads = gradsOf(params);
  if (grads.length === 0) return zeros([]);
  return noGrad(() =>
    tidy(() => {
      const home = grads[0].backend;
      const dtype = grads.some((g) => g.dtype === 'float64') ? 'float64' : 'float32';
      const norms = grads.filter((g) => g.size > 0).map((g) => transfer(g.norm(normType), home).to(dtype));
      const total =
        norms.length === 0 ? zeros([], { backend: home, dtype }) : normType === Infinity ? stack(norms).max() : stack(norms).norm(normType);
      if (options.errorIfNonfinite && !Number.isFinite(total.itemSync())) {
        throw new ValueError(
          `clipGradNorm: the total norm of order ${normType} of the gradients is ${total.itemSync()}, so they cannot be clipped; pass errorIfNonfinite: false to scale them anyway`,
        );
      }
      const coef = div(maxNorm, total.add(1e-6)).clamp(null, 1);
      for (const g of grads) rebind(g, g.mul(transfer(coef, g.backend).to(g.dtype)));
      return total;
    }),
  );
}

/**
 * Clamps the gradients of `params` in place to [−clipValue, clipValue], as PyTorch's
 * `clip_grad_value_`. Parameters without a gradient are skipped.
 *
 * @example
 * loss.backward();
 * clipGradValue(model.parameters(), 0.5);
 */
export function clipGradValue(params: Iterable<Tensor> | Tensor, clipValue: number): void {
  if (typeof clipValue !== 'number' || !(clipValue >= 0)) {
    throw new ValueError(`clipGradValue: invalid clipValue ${String(clipValue)} (must be a number >= 0)`);
  }
  noGrad(() => {
    for (const g of gradsOf(params)) rebind(g, tidy(() => g.clamp(-clipValue, clipValue)));
  });
}
