import type { DType, TypedArray } from '@nnkit/core';

/**
 * A tensor as plain data: what the safetensors codec reads and writes.
 *
 * `data` holds the elements in row-major (C) order, `bool` as 0/1 bytes.
 *
 * @example const w: RawTensor = { dtype: 'float32', shape: [2, 2], data: new Float32Array(4) };
 */
export interface RawTensor {
  dtype: DType;
  shape: number[];
  data: TypedArray;
}

/** What `decodeSafetensors` and `loadSafetensorsFile` return. */
export interface SafetensorsContents {
  tensors: Record<string, RawTensor>;
  metadata: Record<string, string>;
}
