import { allocArray, type DType, type TypedArray } from '@nnkit/core';

/** Converts float32 device values to the typed array of `dtype` (int32 values are exact). */
export function fromDevice(values: Float32Array, dtype: DType): TypedArray {
  if (dtype === 'float32') return values;
  const out = allocArray(dtype, values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}
