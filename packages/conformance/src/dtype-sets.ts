import { isFloatDType, type DType } from '@nnkit/core';

/** The float dtypes. */
export const FLOATS: readonly DType[] = ['float32', 'float64'];
/** Dtypes with arithmetic. */
export const NUMERIC: readonly DType[] = ['float32', 'float64', 'int32'];
/** Every dtype nnkit names. */
export const ALL: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

/** Float math on an int32 or bool tensor computes (and returns) float32, as in PyTorch. */
export function floatMath(dtype: DType): DType {
  return isFloatDType(dtype) ? dtype : 'float32';
}
