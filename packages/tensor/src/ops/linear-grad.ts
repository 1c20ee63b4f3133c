import { ShapeError, formatShape, shapesEqual, type FusedActivation } from '@nnkit/core';
import { backendOf, fromKernel, viewOf } from '../dispatch.js';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';
import { matmul } from './matmul.js';
import { sum } from './reduce.js';
import { transpose } from './views.js';
import { where } from './where.js';

/** Which of `[dx, dw, db]` to compute. */
export type LinearGradNeeds = readonly [dx: boolean, dw: boolean, db: boolean];

/** Options of `linearGrad`. */
export interface LinearGradOptions {
  /**
   * May the backend's fused `linearBackward` kernel run (default true)? Its results are not
   * recorded, so autograd passes false while it builds a graph of the backward (`createGraph`).
   */
  readonly allowFused?: boolean;
}

/**
 * The gradients of `linear(x, w, b, activation)` (2-D x) from the output's gradient g `[N, M]`:
 * `[dx = gy·w, dw = gyᵀ·x, db = Σ rows of gy]` with gy = g masked by `out > 0` for relu (`out`
 * is linear's output; null is fine without an activation). Null where `needs` says no. Uses
 * the backend's fused kernel for float32 when present; composes matmul, where and sum otherwise.
 *
 * @example
 * const [dx, dw, db] = linearGrad(g, x, w, y, 'relu', [true, true, true]);
 */
export function linearGrad(
  g: Tensor,
  x: Tensor,
  w: Tensor,
  out: Tensor | null,
  activation: FusedActivation,
  needs: LinearGradNeeds,
  options: LinearGradOptions = {},
): [Tensor | null, Tensor | null, Tensor | null] {
  const [n, m] = g.shape;
  const fits = g.ndim === 2 && x.ndim === 2 && w.ndim === 2 && x.shape[0] === n && w.shape[0] === m && x.shape[1] === w.shape[1];
  if (!fits || (activation === 'relu' && (out === null || !shapesEqual(out.shape, g.shape)))) {
    throw new ShapeError(
      `linearGrad: gradient ${formatShape(g.shape)}, input ${formatShape(x.shape)}, weight ${formatShape(w.shape)}` +
        `${out ? `, output ${formatShape(out.shape)}` : ''} do not fit (want [N, M], [N, K], [M, K]${activation === 'relu' ? ', output [N, M]' : ''})`,
    );
  }
  const mask = activation === 'relu' ? (out as Tensor) : null;
  const operands = mask ? [g, x, w, mask] : [g, x, w];
  const fused = g.backend.fused?.linearBackward;
  if (fused && options.allowFused !== false && operands.every((t) => t.dtype === 'float32')) {
    const backend = backendOf('linearGrad', operands);
    const op = 'linearGrad';
    const r = fused.call(backend.fused, viewOf(g, op), viewOf(x, op), viewOf(w, op), mask ? viewOf(mask, op) : null, activation, needs);
    return [
      r.dx ? fromKernel(backend, r.dx, [n, x.shape[1]], 'float32') : null,
      r.dw ? fromKernel(backend, r.dw, [m, x.shape[1]], 'float32') : null,
      r.db ? fromKernel(backend, r.db, [m], 'float32') : null,
    ];
  }
  return tidy(() => {
    const gy = mask ? where(mask.gt(0), g, 0) : g;
    return [
      needs[0] ? matmul(gy, w) : null,
      needs[1] ? matmul(transpose(gy), x) : null,
      needs[2] ? sum(gy, 0) : null,
    ];
  });
}
