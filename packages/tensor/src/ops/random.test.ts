import { ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { bernoulli, manualSeed, rand, randint, randn } from './random.js';

describe('random', () => {
  it('same seed, same numbers', async () => {
    manualSeed(42);
    const a = await rand([5]).data();
    const an = await randn([5]).data();
    manualSeed(42);
    expect(await rand([5]).data()).toEqual(a);
    expect(await randn([5]).data()).toEqual(an);
    expect(await rand([5]).data()).not.toEqual(a);
  });

  it('draws from the right ranges and moments', async () => {
    manualSeed(1);
    const u = Array.from(await rand([10000], { low: 2, high: 4 }).data());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...u)).toBeLessThan(4);
    const n = Array.from(await randn([10000], { mean: 1, std: 2 }).data());
    const m = n.reduce((s, v) => s + v, 0) / n.length;
    expect(m).toBeCloseTo(1, 1);
    const r = randint(0, 3, [3000]);
    expect(r.dtype).toBe('int32');
    const ints = Array.from(await r.data());
    expect(new Set(ints)).toEqual(new Set([0, 1, 2]));
    const b = Array.from(await bernoulli([10000], 0.3).data());
    expect(b.reduce((s, v) => s + v, 0) / b.length).toBeCloseTo(0.3, 1);
    expect(() => randint(3, 3, [1])).toThrow(ValueError);
  });
});
