import {
  BackendError,
  DTypeError,
  DisposedError,
  contiguousStrides,
  type Backend,
  type DataHandle,
  type DType,
  type View,
} from '@nnkit/core';
import { autogradEngine } from './autograd-hooks.js';
import type { PrimitiveAttrs, PrimitiveName } from './primitives.js';
import { Storage } from './storage.js';
import { Tensor } from './tensor.js';

/** What every op accepts where a tensor goes: a tensor, or a JS scalar. */
export type TensorLike = Tensor | number | boolean;

/** The kernel's view of a live tensor; throws `DisposedError` naming `op` if it was disposed. */
export function viewOf(t: Tensor, op: string): View {
  if (t.isDisposed) throw new DisposedError(`${op}: tensor ${t.id} ${JSON.stringify(t.shape)} was disposed`);
  return { data: t.storage.data, dtype: t.dtype, shape: t.shape, strides: t.strides, offset: t.offset };
}

/** Same as `viewOf`, but with the shape and strides replaced (a broadcast or reshaped read). */
export function viewAs(t: Tensor, op: string, shape: readonly number[], strides: readonly number[]): View {
  return { ...viewOf(t, op), shape, strides };
}

/** Wraps a fresh contiguous kernel output in a new tensor. */
export function fromKernel(backend: Backend, data: DataHandle, shape: readonly number[], dtype: DType): Tensor {
  return new Tensor(new Storage(backend, data), dtype, shape, contiguousStrides(shape), 0);
}

/** A new tensor sharing `base`'s storage (a free view). */
export function makeView(base: Tensor, shape: readonly number[], strides: readonly number[], offset: number): Tensor {
  return new Tensor(base.storage.retain(), base.dtype, shape, strides, offset);
}

/** Tells the autograd engine (if installed) that `op` produced `output`; returns `output`. */
export function record<K extends PrimitiveName>(
  op: K,
  inputs: readonly Tensor[],
  output: Tensor,
  attrs: PrimitiveAttrs[K],
): Tensor {
  autogradEngine()?.onOp(op, inputs, output, attrs);
  return output;
}

/** The one backend all operands live on; mixing backends is a `BackendError` naming both. */
export function backendOf(op: string, tensors: readonly Tensor[]): Backend {
  const backend = tensors[0].backend;
  for (const t of tensors) {
    if (t.backend !== backend) {
      throw new BackendError(
        `${op}: operands live on different backends (${backend.name} and ${t.backend.name}); move one with t.to(backend)`,
      );
    }
  }
  return backend;
}

/** Throws `DTypeError` naming the backend and the dtype when the backend cannot hold `dtype`. */
export function checkDType(backend: Backend, dtype: DType, op: string): void {
  if (!backend.capabilities.dtypes.includes(dtype)) {
    throw new DTypeError(`${op}: backend '${backend.name}' does not support dtype ${dtype}`);
  }
}

/** The dtype a JS scalar takes next to a tensor of `other` (PyTorch's rule for Python scalars). */
export function scalarDType(value: number | boolean, other: DType): DType {
  if (typeof value === 'boolean') return other;
  if (other === 'float32' || other === 'float64') return other;
  if (!Number.isInteger(value)) return 'float32';
  return other === 'bool' ? 'int32' : other;
}

/** A 0-d tensor holding `value` on `backend`. */
export function scalarTensor(backend: Backend, value: number | boolean, dtype: DType): Tensor {
  checkDType(backend, dtype, 'scalar');
  return fromKernel(backend, backend.full(1, Number(value), dtype), [], dtype);
}
