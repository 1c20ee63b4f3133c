import { BackendError, type Backend, type DType } from '@nnkit/core';
import { backendOf, checkDType, fromKernel, record, viewOf } from '../dispatch.js';
import type { Tensor } from '../tensor.js';

/**
 * `x` converted to `dtype` (x itself if it already is): floats to int32 truncate toward zero,
 * anything to bool is `x != 0`.
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  x._assertAlive('cast');
  if (x.dtype === dtype) return x;
  const backend = backendOf('cast', [x]);
  checkDType(backend, dtype, 'cast');
  return record('cast', [x], fromKernel(backend, backend.cast(viewOf(x, 'cast'), dtype), x.shape, dtype), { dtype });
}

/**
 * A copy of `x` on another backend (x itself if it is already there). Needs a synchronous
 * read on the source backend; otherwise use `await transferAsync(x, backend)`.
 */
export function transfer(x: Tensor, backend: Backend): Tensor {
  x._assertAlive('to');
  if (x.backend === backend) return x;
  checkDType(backend, x.dtype, 'to');
  if (!x.backend.capabilities.syncRead) {
    throw new BackendError(`to: backend '${x.backend.name}' cannot read synchronously; use await transferAsync(t, backend)`);
  }
  const out = fromKernel(backend, backend.upload(x.dataSync(), x.dtype), x.shape, x.dtype);
  return record('transfer', [x], out, {});
}

/** `transfer` for any source backend: waits for the values. */
export async function transferAsync(x: Tensor, backend: Backend): Promise<Tensor> {
  if (x.backend === backend) return x;
  checkDType(backend, x.dtype, 'to');
  const values = await x.data();
  return record('transfer', [x], fromKernel(backend, backend.upload(values, x.dtype), x.shape, x.dtype), {});
}
