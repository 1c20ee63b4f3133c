import type { Backend, BackendLimits } from '@nnkit/core';
import { EXTREME_INT32 } from './domains.js';

export type { BackendLimits } from '@nnkit/core';

/** The limits `backend` declares (none for most backends). */
export function limitsOf(backend: Backend): BackendLimits {
  return backend.capabilities.limits ?? {};
}

/** How fast an int32 op's results grow from its operands: what keeps them in range. */
export type IntGrowth = 'none' | 'sum' | 'product';

/**
 * The int32 edge values an op meets: int32's own limits (wrap-around) unless the backend
 * declares a narrower exact range, then that range's edges, shrunk so that sums (half the
 * range) or products (its square root) stay inside it.
 *
 * @example int32Edges({ int32Range: 2 ** 24 }, 'product') // [4096, -4096, 0, -1, 1, 4095, -4095, 77]
 */
export function int32Edges(limits: BackendLimits, growth: IntGrowth = 'none'): readonly number[] {
  const range = limits.int32Range;
  if (range === undefined) return EXTREME_INT32;
  const b = growth === 'product' ? Math.floor(Math.sqrt(range)) : growth === 'sum' ? Math.floor(range / 2) : range;
  return [b, -b, 0, -1, 1, b - 1, -(b - 1), 77];
}

/** The title suffix of int32 edge cases: says which range they use. */
export function int32EdgeLabel(limits: BackendLimits): string {
  return limits.int32Range === undefined ? 'int32 limits' : `int32 limits within the declared ±${limits.int32Range}`;
}
