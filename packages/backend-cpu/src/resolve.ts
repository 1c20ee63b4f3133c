import { DTypeError, ShapeError, formatShape, isDType, sizeOf } from '@nnkit/core';
import type { DType, View } from '@nnkit/core';
import type { CpuStorage } from './storage.js';
import type { Strided } from './strided.js';

/** A checked view: its typed array, layout and dtype. */
export interface Resolved extends Strided {
  readonly dtype: DType;
}

/** Throws `DTypeError` naming the backend and the dtype unless `dtype` is one it stores. */
export function checkDType(backend: string, dtype: DType, op: string): void {
  if (!isDType(dtype)) {
    throw new DTypeError(
      `${backend}: ${op}: unsupported dtype '${String(dtype)}' (supported: float32, float64, int32, bool)`,
    );
  }
}

function describe(view: View): string {
  return `shape ${formatShape(view.shape)}, strides ${formatShape(view.strides)}, offset ${view.offset}`;
}

const isIndex = (n: number): boolean => Number.isInteger(n) && n >= 0;

/**
 * Checks a view against its buffer (ours, live, same dtype, a valid layout that stays inside
 * the buffer) and returns the typed array with the layout.
 */
export function resolveView(storage: CpuStorage, view: View, op: string): Resolved {
  const array = storage.array(view.data, op);
  const name = storage.name;
  checkDType(name, view.dtype, op);
  if (view.dtype !== view.data.dtype) {
    throw new DTypeError(`${name}: ${op}: view dtype ${view.dtype} does not match its buffer's dtype ${view.data.dtype}`);
  }
  const { shape, strides, offset } = view;
  if (!shape.every(isIndex) || strides.length !== shape.length || !strides.every(isIndex) || !isIndex(offset)) {
    throw new ShapeError(`${op}: invalid view (${describe(view)})`);
  }
  if (sizeOf(shape) > 0) {
    let last = offset;
    for (let i = 0; i < shape.length; i++) last += (shape[i] - 1) * strides[i];
    if (last >= array.length) {
      throw new ShapeError(
        `${op}: view (${describe(view)}) reaches element ${last} but its buffer holds ${array.length}`,
      );
    }
  }
  return { array, shape, strides, offset, dtype: view.dtype };
}
