import { isClose, isFloatDType, type DType, type Tolerance } from '@nnkit/core';
import type { Tensor } from '@nnkit/tensor';
import { forEachIndex, type NdArray } from './reference/ndarray.js';

/** The first element that does not match, and how many do not. */
export interface Mismatch {
  /** Row-major position. */
  readonly flat: number;
  /** Multi-index of that element. */
  readonly index: readonly number[];
  readonly got: number;
  readonly want: number;
  /** How many elements differ in all. */
  readonly count: number;
}

/**
 * Compares values elementwise: floats with `isClose` (NaN only matches NaN, infinities only
 * by sign), int32 and bool exactly. Returns null when all match.
 *
 * @example findMismatch([1, 2], [1, 2.5], [2], 'float32', { rtol: 0, atol: 0.1 }) // { flat: 1, … }
 */
export function findMismatch(
  got: ArrayLike<number>, want: ArrayLike<number>, shape: readonly number[], dtype: DType, tol: Tolerance,
): Mismatch | null {
  const float = isFloatDType(dtype);
  let first = -1;
  let count = 0;
  for (let i = 0; i < want.length; i++) {
    const ok = float ? isClose(got[i], want[i], tol) : got[i] === want[i];
    if (!ok) {
      if (first < 0) first = i;
      count++;
    }
  }
  if (first < 0) return null;
  let index: readonly number[] = [];
  forEachIndex(shape, (ix, flat) => {
    if (flat === first) index = [...ix];
  });
  return { flat: first, index, got: got[first], want: want[first], count };
}

/** Prints a number so that -0, NaN and ±Infinity are visible. */
export function formatNumber(v: number): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

const fmtShape = (s: readonly number[]): string => `[${s.join(',')}]`;

/**
 * Checks that `got` has the oracle's dtype, shape and values within `tol`, and throws an
 * error naming op, dtype, shape, the first mismatching index, got and want otherwise.
 *
 * @example await expectClose(exp(x), want, { rtol: 1.3e-6, atol: 1e-5 }, 'exp');
 */
export async function expectClose(got: Tensor, want: NdArray, tol: Tolerance, op = 'result'): Promise<void> {
  const where = `${op} ${want.dtype} ${fmtShape(want.shape)}`;
  if (got.dtype !== want.dtype) throw new Error(`${where}: dtype is ${got.dtype}, want ${want.dtype}`);
  if (got.shape.length !== want.shape.length || got.shape.some((d, i) => d !== want.shape[i])) {
    throw new Error(`${where}: shape is ${fmtShape(got.shape)}, want ${fmtShape(want.shape)}`);
  }
  const values = await got.data();
  if (values.length !== want.size) throw new Error(`${where}: read ${values.length} values, want ${want.size}`);
  const m = findMismatch(values, want.toArray(), want.shape, want.dtype, tol);
  if (m !== null) {
    const bound = isFloatDType(want.dtype) ? ` (rtol ${tol.rtol}, atol ${tol.atol})` : ' (exact)';
    throw new Error(
      `${where}: element ${fmtShape(m.index)} is ${formatNumber(m.got)}, want ${formatNumber(m.want)}${bound}; ` +
        `${m.count} of ${want.size} elements differ`,
    );
  }
}
