/** The element types every nnkit backend understands by name. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/** Every dtype, in promotion order (a later one can hold an earlier one). */
export const DTYPES: readonly DType[] = ['bool', 'int32', 'float32', 'float64'];

/** The typed array that holds a dtype's values on the CPU (`bool` is 0/1 bytes). */
export type TypedArrayFor<D extends DType> = D extends 'float32'
  ? Float32Array
  : D extends 'float64'
    ? Float64Array
    : D extends 'int32'
      ? Int32Array
      : Uint8Array;

/** Any typed array a tensor's data can come back as. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

const CTORS = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  bool: Uint8Array,
} as const;

/** Allocates a zeroed typed array for `dtype`. */
export function allocArray<D extends DType>(dtype: D, length: number): TypedArrayFor<D> {
  return new CTORS[dtype](length) as TypedArrayFor<D>;
}

/** Bytes one element of `dtype` takes. */
export function bytesPerElement(dtype: DType): number {
  return CTORS[dtype].BYTES_PER_ELEMENT;
}

/** True for `float32` and `float64`. */
export function isFloatDType(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

/** The dtype a typed array naturally maps to. */
export function dtypeOfArray(values: TypedArray): DType {
  if (values instanceof Float32Array) return 'float32';
  if (values instanceof Float64Array) return 'float64';
  if (values instanceof Int32Array) return 'int32';
  return 'bool';
}

/**
 * The dtype two operands combine to, as in PyTorch: bool < int32 < float32 < float64.
 *
 * @example promoteTypes('int32', 'float32') // 'float32'
 */
export function promoteTypes(a: DType, b: DType): DType {
  return DTYPES.indexOf(a) >= DTYPES.indexOf(b) ? a : b;
}

/** True when `value` names a dtype. */
export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && (DTYPES as readonly string[]).includes(value);
}
