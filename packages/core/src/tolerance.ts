import type { Tolerance } from './backend.js';

/** True when `got` is within `tol` of `want`; NaN matches only NaN, infinities only by sign. */
export function isClose(got: number, want: number, tol: Tolerance): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  if (!Number.isFinite(got)) return false;
  return Math.abs(got - want) <= tol.atol + tol.rtol * Math.abs(want);
}
