import { ValueError, broadcastShapes } from '@nnkit/core';
import { backendOf, checkDType, fromKernel, record, viewAs, type TensorLike } from '../dispatch.js';
import { Tensor } from '../tensor.js';
import { operands } from './binary.js';
import { cast } from './cast.js';
import { broadcastStrides } from './views.js';

/**
 * `cond ? a : b` elementwise, broadcasting all three; `cond` is cast to bool.
 *
 * @example where(x.gt(0), x, 0) // relu
 */
export function where(cond: Tensor, a: TensorLike, b: TensorLike): Tensor {
  const { x, y, temps } = operands('where', a, b);
  const c = cond.dtype === 'bool' ? cond : cast(cond, 'bool');
  if (c !== cond) temps.push(c);
  try {
    const backend = backendOf('where', [c, x, y]);
    checkDType(backend, x.dtype, 'where');
    const shape = broadcastShapes(broadcastShapes(c.shape, x.shape, 'where'), y.shape, 'where');
    const v = (t: Tensor) => viewAs(t, 'where', shape, broadcastStrides(t, shape));
    const out = fromKernel(backend, backend.where(v(c), v(x), v(y), x.dtype), shape, x.dtype);
    return record('where', [c, x, y], out, {});
  } finally {
    for (const t of temps) t.dispose();
  }
}

/**
 * Limits values to [min, max]; either bound may be omitted. The gradient passes where
 * min ≤ x ≤ max, as in PyTorch.
 */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  if ((min === undefined || min === null) && (max === undefined || max === null)) {
    throw new ValueError('clamp: give at least one of min and max');
  }
  let out = x;
  const step = (mask: Tensor, bound: number) => {
    const next = where(mask, bound, out);
    mask.dispose();
    if (out !== x) out.dispose();
    out = next;
  };
  if (min !== undefined && min !== null) step(out.lt(min), min);
  if (max !== undefined && max !== null) step(out.gt(max), max);
  return out;
}
