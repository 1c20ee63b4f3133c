import type { DType } from '@nnkit/core';

/** A safetensors dtype code nnkit can read, its element size and the nnkit dtype it loads as. */
export interface SafetensorsDTypeInfo {
  readonly size: number;
  readonly loadsAs: DType;
}

/** Every code nnkit reads; the narrower and wider ones are widened or narrowed on load. */
export const READABLE_DTYPES: Readonly<Record<string, SafetensorsDTypeInfo>> = {
  F64: { size: 8, loadsAs: 'float64' },
  F32: { size: 4, loadsAs: 'float32' },
  F16: { size: 2, loadsAs: 'float32' },
  BF16: { size: 2, loadsAs: 'float32' },
  I64: { size: 8, loadsAs: 'int32' },
  U64: { size: 8, loadsAs: 'int32' },
  I32: { size: 4, loadsAs: 'int32' },
  U32: { size: 4, loadsAs: 'int32' },
  I16: { size: 2, loadsAs: 'int32' },
  U16: { size: 2, loadsAs: 'int32' },
  I8: { size: 1, loadsAs: 'int32' },
  U8: { size: 1, loadsAs: 'int32' },
  BOOL: { size: 1, loadsAs: 'bool' },
};

/** The code each nnkit dtype is written as. */
export const WRITE_CODE: Readonly<Record<DType, string>> = {
  float64: 'F64',
  float32: 'F32',
  int32: 'I32',
  bool: 'BOOL',
};

/**
 * Where a written dtype goes in the data buffer: the reference writer sorts tensors by its
 * `Dtype` enum descending (which is alignment order), then by name, so F64 comes first.
 */
export const WRITE_RANK: Readonly<Record<DType, number>> = {
  float64: 3,
  float32: 2,
  int32: 1,
  bool: 0,
};

/** Looks up a code; `undefined` for codes nnkit cannot read (F8_*, C64, unknown strings). */
export function readableDType(code: string): SafetensorsDTypeInfo | undefined {
  return Object.hasOwn(READABLE_DTYPES, code) ? READABLE_DTYPES[code] : undefined;
}
