import { DTypeError, ShapeError, formatShape, isContiguous, sizeOf } from '@nnkit/core';
import type { AdamStepOptions, SgdStepOptions } from '@nnkit/core';
import type { Resolved } from '../resolve.js';

const f = Math.fround;

/** float32, contiguous, one size: what the in-place steps take (the caller composes otherwise). */
function contiguousFloat32(op: string, views: readonly (readonly [string, Resolved | null])[]): Float32Array[] {
  const param = views[0][1] as Resolved;
  const size = sizeOf(param.shape);
  return views.flatMap(([what, v]) => {
    if (v === null) return [];
    if (v.dtype !== 'float32') throw new DTypeError(`${op}: ${what} must be float32, got ${v.dtype}`);
    if (!isContiguous(v.shape, v.strides)) {
      throw new ShapeError(`${op}: ${what} must be contiguous (shape ${formatShape(v.shape)}, strides ${formatShape(v.strides)})`);
    }
    if (sizeOf(v.shape) !== size) throw new ShapeError(`${op}: ${what} has shape ${formatShape(v.shape)}, the parameter ${formatShape(param.shape)}`);
    return [(v.array as Float32Array).subarray(v.offset, v.offset + size)];
  });
}

/**
 * SGD in place, rounding to float32 where the composed ops would (so the fused and composed
 * updates are the same numbers):
 *
 * ```text
 * g ← ∇θ (−∇θ when maximize);  g ← g + λθ;  b ← g (first) or μb + (1 − τ)g
 * g ← g + μb (nesterov) or b;  θ ← θ − γg
 * ```
 */
export function sgdStepKernel(param: Resolved, grad: Resolved, buffer: Resolved | null, o: SgdStepOptions): void {
  const [p, g, b] = contiguousFloat32('sgdStep', [['the parameter', param], ['the gradient', grad], ['the momentum buffer', buffer]]);
  const [lr, mu, damp, wd] = [f(o.lr), f(o.momentum), f(1 - o.dampening), f(o.weightDecay)];
  const sign = o.maximize ? -1 : 1;
  const n = p.length;
  if (buffer === null) {
    for (let i = 0; i < n; i++) {
      const gi = wd !== 0 ? f(sign * g[i] + f(p[i] * wd)) : sign * g[i];
      p[i] = f(p[i] - f(gi * lr));
    }
    return;
  }
  if (wd === 0 && damp === 1 && sign === 1 && !o.first && !o.nesterov) {
    // The usual case (plain momentum) in a loop of its own: twice as fast as the general one.
    for (let i = 0; i < n; i++) {
      const bi = f(f(b[i] * mu) + g[i]);
      b[i] = bi;
      p[i] = f(p[i] - f(bi * lr));
    }
    return;
  }
  const first = o.first;
  const nesterov = o.nesterov;
  for (let i = 0; i < n; i++) {
    const gi = wd !== 0 ? f(sign * g[i] + f(p[i] * wd)) : sign * g[i];
    const bi = first ? gi : f(f(b[i] * mu) + (damp === 1 ? gi : f(gi * damp)));
    b[i] = bi;
    const step = nesterov ? f(gi + f(bi * mu)) : bi;
    p[i] = f(p[i] - f(step * lr));
  }
}

/**
 * Adam / AdamW in place, rounding as the composed ops would:
 *
 * ```text
 * g ← ∇θ (−∇θ when maximize);  θ ← θ(1 − γλ) (decoupled) or g ← g + λθ
 * m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  v̂ ← max(v̂, v) (amsgrad)
 * θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * ```
 */
export function adamStepKernel(
  param: Resolved,
  grad: Resolved,
  expAvg: Resolved,
  expAvgSq: Resolved,
  maxExpAvgSq: Resolved | null,
  o: AdamStepOptions,
): void {
  const [p, g, m, v, vmax] = contiguousFloat32('adamStep', [
    ['the parameter', param], ['the gradient', grad], ['expAvg', expAvg], ['expAvgSq', expAvgSq], ['maxExpAvgSq', maxExpAvgSq],
  ]);
  const [b1, b2, c1, c2, eps] = [f(o.beta1), f(o.beta2), f(1 - o.beta1), f(1 - o.beta2), f(o.eps)];
  const stepSize = f(o.lr / (1 - o.beta1 ** o.step));
  const bias2Sqrt = f(Math.sqrt(1 - o.beta2 ** o.step));
  const wd = f(o.weightDecay);
  const shrink = f(1 - o.lr * o.weightDecay);
  const decay = o.weightDecay !== 0;
  const decoupled = o.decoupled;
  const sign = o.maximize ? -1 : 1;
  const n = p.length;
  for (let i = 0; i < n; i++) {
    let gi = sign * g[i];
    let pi = p[i];
    if (decay) {
      if (decoupled) pi = f(pi * shrink);
      else gi = f(gi + f(pi * wd));
    }
    const mi = f(f(m[i] * b1) + f(gi * c1));
    const vi = f(f(v[i] * b2) + f(f(gi * gi) * c2));
    m[i] = mi;
    v[i] = vi;
    let second = vi;
    if (vmax !== undefined) {
      // NaN propagates, as maximum does.
      second = Number.isNaN(vmax[i]) || Number.isNaN(vi) ? NaN : Math.max(vmax[i], vi);
      vmax[i] = second;
    }
    const denom = f(f(f(Math.sqrt(second)) / bias2Sqrt) + eps);
    p[i] = f(pi - f(f(mi / denom) * stepSize));
  }
}
