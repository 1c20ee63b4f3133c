import type { Backend, DType, Tolerance } from '@nnkit/core';
import { FLOAT64_TOLERANCE, type Tolerances } from './tolerance.js';

/** What every section knows about the backend under test when it generates its cases. */
export interface SuiteContext {
  /** The backend, also selected with `setBackend` while the suite runs. */
  readonly backend: Backend;
  /** The dtypes it declares. */
  readonly dtypes: readonly DType[];
  /** Elementwise tolerances per float dtype. */
  readonly tolerances: Tolerances;
}

/** Builds the context from a backend's declared capabilities. */
export function createContext(backend: Backend, float64Tolerance: Tolerance = FLOAT64_TOLERANCE): SuiteContext {
  return {
    backend,
    dtypes: backend.capabilities.dtypes,
    tolerances: { float32: backend.capabilities.tolerance, float64: float64Tolerance },
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
