import { BackendError, type DType, type TypedArray } from '@nnkit/core';
import { viewOf } from '../dispatch.js';
import type { Tensor } from '../tensor.js';

/** Nested arrays of numbers (or booleans for bool tensors); a scalar for 0-d tensors. */
export type Nested = number | boolean | Nested[];

function window(t: Tensor, all: TypedArray): TypedArray {
  return t.offset === 0 && all.length === t.size ? all : all.slice(t.offset, t.offset + t.size);
}

/** Reads a tensor's elements in row-major order, copying through the backend if strided. */
export async function readContiguous(t: Tensor): Promise<TypedArray> {
  const view = viewOf(t, 'data');
  if (t.isContiguous) return window(t, await t.backend.read(view.data));
  const copy = t.backend.copy(view);
  try {
    return await t.backend.read(copy);
  } finally {
    t.backend.release(copy);
  }
}

/** The synchronous variant; only for backends that declare `syncRead`. */
export function readContiguousSync(t: Tensor): TypedArray {
  const view = viewOf(t, 'dataSync');
  const readSync = t.backend.readSync?.bind(t.backend);
  if (!t.backend.capabilities.syncRead || !readSync) {
    throw new BackendError(`dataSync: backend '${t.backend.name}' cannot read synchronously; use await t.data()`);
  }
  if (t.isContiguous) return window(t, readSync(view.data));
  const copy = t.backend.copy(view);
  try {
    return readSync(copy);
  } finally {
    t.backend.release(copy);
  }
}

/** Turns flat row-major values into nested arrays of `shape`. */
export function toNested(values: TypedArray, shape: readonly number[], dtype: DType): Nested {
  const conv = (v: number): number | boolean => (dtype === 'bool' ? v !== 0 : v);
  if (shape.length === 0) return conv(values[0]);
  const build = (dim: number, offset: number, stride: number): Nested[] => {
    const out: Nested[] = [];
    const inner = stride / (shape[dim] || 1);
    for (let i = 0; i < shape[dim]; i++) {
      out.push(dim === shape.length - 1 ? conv(values[offset + i]) : build(dim + 1, offset + i * inner, inner));
    }
    return out;
  };
  return build(0, 0, values.length);
}
