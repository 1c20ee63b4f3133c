import { ShapeError, broadcastShapes, formatShape, type FusedActivation } from '@nnkit/core';
import { backendOf, checkDType, fromKernel, record, viewOf } from '../dispatch.js';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';
import { operands } from './binary.js';
import { expand, reshape, squeeze, unsqueeze } from './views.js';

/** The recorded primitive: ≥2-D operands with equal batch dims. */
function batchedMatmul(a: Tensor, b: Tensor): Tensor {
  const backend = backendOf('matmul', [a, b]);
  checkDType(backend, a.dtype, 'matmul');
  const shape = [...a.shape.slice(0, -1), b.shape[b.ndim - 1]];
  const data = backend.matmul(viewOf(a, 'matmul'), viewOf(b, 'matmul'), a.dtype);
  return record('matmul', [a, b], fromKernel(backend, data, shape, a.dtype), {});
}

/**
 * Matrix product with PyTorch's rules: 1-D operands are promoted to a row / column and the
 * added dim is removed again; batch dims broadcast.
 *
 * @example matmul(ones([5, 2, 3]), ones([3, 4])).shape // [5, 2, 4]
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError(`matmul: both operands need at least 1 dimension, got ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const k1 = a.shape[a.ndim - 1];
  const k2 = b.ndim === 1 ? b.shape[0] : b.shape[b.ndim - 2];
  if (k1 !== k2) {
    throw new ShapeError(
      `matmul: cannot multiply ${formatShape(a.shape)} by ${formatShape(b.shape)} (inner dimensions ${k1} and ${k2} differ)`,
    );
  }
  return tidy(() => {
    const { x, y } = operands('matmul', a, b);
    const a2 = x.ndim === 1 ? unsqueeze(x, 0) : x;
    const b2 = y.ndim === 1 ? unsqueeze(y, 1) : y;
    const batch = broadcastShapes(a2.shape.slice(0, -2), b2.shape.slice(0, -2), 'matmul');
    const fit = (t: Tensor) => {
      const target = [...batch, ...t.shape.slice(-2)];
      return t.ndim === target.length && t.shape.every((d, i) => d === target[i]) ? t : expand(t, target);
    };
    let out = batchedMatmul(fit(a2), fit(b2));
    if (x.ndim === 1) out = squeeze(out, -2);
    if (y.ndim === 1) out = squeeze(out, -1);
    return out;
  });
}

/**
 * `x · wᵀ + b` for x `[..., in]`, w `[out, in]`, b `[out]` — PyTorch's `F.linear`. Uses the
 * backend's fused kernel when it has one.
 */
export function linear(x: Tensor, w: Tensor, b?: Tensor | null, activation: FusedActivation = 'none'): Tensor {
  if (w.ndim !== 2 || x.ndim < 1 || x.shape[x.ndim - 1] !== w.shape[1] || (b && (b.ndim !== 1 || b.shape[0] !== w.shape[0]))) {
    throw new ShapeError(
      `linear: input ${formatShape(x.shape)}, weight ${formatShape(w.shape)}${b ? `, bias ${formatShape(b.shape)}` : ''} do not fit ` +
        `(want input [..., in], weight [out, in], bias [out])`,
    );
  }
  const fused = x.backend.fused?.linear;
  if (fused && x.ndim === 2 && x.dtype === w.dtype && (!b || b.dtype === x.dtype) && x.dtype !== 'bool') {
    const backend = backendOf('linear', b ? [x, w, b] : [x, w]);
    const data = fused.call(x.backend.fused, viewOf(x, 'linear'), viewOf(w, 'linear'), b ? viewOf(b, 'linear') : null, activation);
    const out = fromKernel(backend, data, [x.shape[0], w.shape[0]], x.dtype);
    return record('linear', b ? [x, w, b] : [x, w], out, { activation });
  }
  return tidy(() => {
    const flat = x.ndim === 1 ? unsqueeze(x, 0) : x.ndim > 2 ? reshape(x, [-1, x.shape[x.ndim - 1]]) : x;
    let y = matmul(flat, w.T);
    if (b) y = y.add(b);
    if (activation === 'relu') y = y.relu();
    return x.ndim === 2 ? y : reshape(y, [...x.shape.slice(0, -1), w.shape[0]]);
  });
}
