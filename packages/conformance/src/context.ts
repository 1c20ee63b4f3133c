import type { Backend, DType, Tolerance } from '@nnkit/core';
import { limitsOf, type BackendLimits } from './limits.js';
import { FLOAT64_TOLERANCE, type Tolerances } from './tolerance.js';

/** What every section knows about the backend under test when it generates its cases. */
export interface SuiteContext {
  /** The backend, also selected with `setBackend` while the suite runs. */
  readonly backend: Backend;
  /** The dtypes it declares. */
  readonly dtypes: readonly DType[];
  /** Elementwise tolerances per float dtype. */
  readonly tolerances: Tolerances;
  /** What the backend declares it cannot do (`capabilities.limits`). */
  readonly limits: BackendLimits;
  /**
   * The float64 backend whose gradients the float32 ones are compared with: the backend itself
   * when it declares float64, else `describeBackend`'s `reference` option; null without one.
   */
  readonly reference: Backend | null;
}

/**
 * Builds the context from a backend's declared capabilities. A backend that declares float64
 * is its own gradient reference unless `reference` names another.
 */
export function createContext(backend: Backend, float64Tolerance: Tolerance = FLOAT64_TOLERANCE, reference: Backend | null = null): SuiteContext {
  const dtypes = backend.capabilities.dtypes;
  return {
    backend,
    dtypes,
    tolerances: { float32: backend.capabilities.tolerance, float64: float64Tolerance },
    limits: limitsOf(backend),
    reference: reference ?? (dtypes.includes('float64') ? backend : null),
  };
}

/** True when the backend declares every one of `dtypes`. */
export function supports(ctx: SuiteContext, ...dtypes: readonly DType[]): boolean {
  return dtypes.every((d) => ctx.dtypes.includes(d));
}

/** The members of `wanted` that the backend declares, in order. */
export function declared(ctx: SuiteContext, wanted: readonly DType[]): DType[] {
  return wanted.filter((d) => ctx.dtypes.includes(d));
}
