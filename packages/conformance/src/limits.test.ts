import type { Backend } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { EXTREME_INT32 } from './domains.js';
import { int32EdgeLabel, int32Edges, limitsOf } from './limits.js';

describe('declared limits', () => {
  it('reads capabilities.limits, or none', () => {
    expect(limitsOf({ capabilities: { limits: { int32Range: 8 } } } as unknown as Backend)).toEqual({ int32Range: 8 });
    expect(limitsOf({ capabilities: {} } as unknown as Backend)).toEqual({});
  });

  it('keeps int32 edges inside a declared range, so that results stay in it too', () => {
    expect(int32Edges({})).toBe(EXTREME_INT32);
    const r = 2 ** 24;
    const none = int32Edges({ int32Range: r });
    expect(Math.max(...none.map(Math.abs))).toBe(r);
    const sums = int32Edges({ int32Range: r }, 'sum');
    for (const a of sums) for (const b of sums) expect(Math.abs(a + b)).toBeLessThanOrEqual(r);
    const products = int32Edges({ int32Range: r }, 'product');
    for (const a of products) for (const b of products) expect(Math.abs(a * b)).toBeLessThanOrEqual(r);
    expect(products).toContain(4096);
  });

  it('names the declared range in titles', () => {
    expect(int32EdgeLabel({})).toBe('int32 limits');
    expect(int32EdgeLabel({ int32Range: 16 })).toBe('int32 limits within the declared ±16');
  });
});
