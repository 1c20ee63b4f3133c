import { isFloatDType, type DType, type Tolerance } from '@nnkit/core';

/** float64 results must match the float64 oracle this closely (a few ulps of a double). */
export const FLOAT64_TOLERANCE: Tolerance = { rtol: 1e-12, atol: 1e-12 };

/** Bit-for-bit (views, copies, casts, max/min): NaN still matches NaN, -0 matches 0. */
export const EXACT: Tolerance = { rtol: 0, atol: 0 };

/** The elementwise tolerances one backend is held to, per float dtype. */
export interface Tolerances {
  /** The backend's own declaration, `capabilities.tolerance`. */
  readonly float32: Tolerance;
  /** Tight: the reference is float64 itself. */
  readonly float64: Tolerance;
}

/**
 * The √n rule for results that combine n elements (sums, means, norms, softmax lanes, matmul
 * dot products of length n): rounding errors of n terms add like a random walk, so both rtol
 * and atol grow by √n (never below the elementwise tolerance).
 *
 * @example widen({ rtol: 1.3e-6, atol: 1e-5 }, 400) // { rtol: 2.6e-5, atol: 2e-4 }
 */
export function widen(tol: Tolerance, n: number): Tolerance {
  const f = Math.sqrt(Math.max(1, n));
  return { rtol: tol.rtol * f, atol: tol.atol * f };
}

/**
 * The tolerance for a result of `dtype`: int32 and bool are exact, floats use `tols`, widened
 * by the √n rule when each result combines `combined` elements.
 */
export function toleranceFor(tols: Tolerances, dtype: DType, combined = 1): Tolerance {
  if (!isFloatDType(dtype)) return EXACT;
  return widen(dtype === 'float32' ? tols.float32 : tols.float64, combined);
}
