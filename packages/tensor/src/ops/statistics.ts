import { ValueError, isFloatDType, normalizeAxis } from '@nnkit/core';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { abs, exp, log, sqrt } from './unary.js';
import { mean, max, normalizeAxes, reducedShape, sum, type AxisArg } from './reduce.js';
import { full } from './creation.js';
import { where } from './where.js';

/** Options of `variance` and `std`. */
export interface VarianceOptions {
  /** Subtracted from the count in the divisor: 1 (default) is Bessel's correction. */
  readonly correction?: number;
  readonly keepdim?: boolean;
}

function asFloat(x: Tensor): Tensor {
  return isFloatDType(x.dtype) ? x : cast(x, 'float32');
}

/**
 * Variance over `axis` with `correction` (default 1), as torch.var.
 *
 * @example variance(tensor([1, 2, 3, 4]), 0) // 1.6667
 */
export function variance(x: Tensor, axis?: AxisArg, options: VarianceOptions = {}): Tensor {
  const { correction = 1, keepdim = false } = options;
  return tidy(() => {
    const f = asFloat(x);
    const axes = normalizeAxes(f, axis, 'var');
    const n = axes.reduce((acc, a) => acc * f.shape[a], 1);
    const centered = f.sub(mean(f, axes, true));
    return sum(centered.mul(centered), axes, keepdim).div(Math.max(0, n - correction));
  });
}

/** Standard deviation over `axis` with `correction` (default 1). */
export function std(x: Tensor, axis?: AxisArg, options: VarianceOptions = {}): Tensor {
  return tidy(() => sqrt(variance(x, axis, options)));
}

/**
 * log(Σ exp(x)) over `axis`, computed stably by shifting by the (detached) maximum.
 *
 * @example logsumexp(tensor([1000, 1000]), 0) // 1000.6931
 */
export function logsumexp(x: Tensor, axis: AxisArg, keepdim = false): Tensor {
  return tidy(() => {
    const f = asFloat(x);
    const axes = normalizeAxes(f, axis, 'logsumexp');
    // log of an empty sum is −∞ (and max would refuse the empty dim).
    if (axes.some((a) => f.shape[a] === 0)) return full(reducedShape(f.shape, axes, keepdim), -Infinity, { dtype: f.dtype, backend: f.backend });
    const m = max(f.detach(), axes, true);
    // A row of -inf (or +inf) would give inf - inf = NaN: shift such rows by 0 instead.
    const shift = where(m.abs().eq(Infinity), 0, m);
    const s = log(sum(exp(f.sub(shift)), axes, true)).add(shift);
    return keepdim ? s : s.squeeze(axes);
  });
}

/** Softmax along `axis`: exp(x − max) / Σ exp(x − max). */
export function softmax(x: Tensor, axis: number): Tensor {
  return tidy(() => {
    const f = asFloat(x);
    const a = normalizeAxis(axis, f.ndim, 'softmax');
    if (f.size === 0) return f.add(0);
    const e = exp(f.sub(max(f.detach(), a, true)));
    return e.div(sum(e, a, true));
  });
}

/** log(softmax(x)) along `axis`, computed as x − logsumexp(x) (stable for large inputs). */
export function logSoftmax(x: Tensor, axis: number): Tensor {
  return tidy(() => {
    const f = asFloat(x);
    const a = normalizeAxis(axis, f.ndim, 'logSoftmax');
    if (f.size === 0) return f.add(0);
    return f.sub(logsumexp(f, a, true));
  });
}

/**
 * The p-norm over `axis` (all elements when omitted): p = 2 (default), 1, Infinity or any p > 0.
 *
 * @example norm(tensor([3, 4])) // 5
 */
export function norm(x: Tensor, p = 2, axis?: AxisArg, keepdim = false): Tensor {
  if (!(p > 0)) throw new ValueError(`norm: p must be positive, got ${p}`);
  return tidy(() => {
    const a = abs(asFloat(x));
    if (p === Infinity) {
      if (normalizeAxes(a, axis, 'norm').some((d) => a.shape[d] === 0)) {
        throw new ValueError(`norm: the infinity norm of an empty dimension is undefined (shape ${JSON.stringify(a.shape)})`);
      }
      return max(a, axis, keepdim);
    }
    if (p === 1) return sum(a, axis, keepdim);
    if (p === 2) return sqrt(sum(a.mul(a), axis, keepdim));
    return sum(a.pow(p), axis, keepdim).pow(1 / p);
  });
}
