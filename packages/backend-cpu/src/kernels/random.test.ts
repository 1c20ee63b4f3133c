import { DTypeError, ValueError } from '@nnkit/core';
import type { RandomDistribution, RandomKey } from '@nnkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness } from '../../test/harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.finish());

const KEY: RandomKey = [12345, 67890];

function moments(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return { mean, variance: xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length };
}

describe('random is a pure function of the key', () => {
  const dists: RandomDistribution[] = [
    { kind: 'uniform', low: -1, high: 3 },
    { kind: 'normal', mean: 2, std: 0.5 },
    { kind: 'bernoulli', p: 0.3 },
  ];

  it.each(dists)('$kind: same key same numbers, other key other numbers, prefix-stable', (dist) => {
    const a = h.take(h.b.random(dist, 101, 'float64', KEY));
    expect(h.take(h.b.random(dist, 101, 'float64', KEY))).toEqual(a);
    expect(h.take(h.b.random(dist, 101, 'float64', [12345, 67891]))).not.toEqual(a);
    expect(h.take(h.b.random(dist, 40, 'float64', KEY))).toEqual(a.slice(0, 40));
  });
});

describe('random moments', () => {
  const n = 20000;

  it('uniform(-1, 3) has mean 1, variance 16/12 and stays in [low, high)', () => {
    const xs = h.take(h.b.random({ kind: 'uniform', low: -1, high: 3 }, n, 'float32', KEY));
    const { mean, variance } = moments(xs);
    expect(mean).toBeCloseTo(1, 1);
    expect(variance).toBeCloseTo(16 / 12, 1);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...xs)).toBeLessThan(3);
  });

  it('normal(2, 0.5) has mean 2 and std 0.5, with the cos and sin halves alike', () => {
    const xs = h.take(h.b.random({ kind: 'normal', mean: 2, std: 0.5 }, n, 'float64', KEY));
    const { mean, variance } = moments(xs);
    expect(mean).toBeCloseTo(2, 1);
    expect(Math.sqrt(variance)).toBeCloseTo(0.5, 1);
    const even = moments(xs.filter((_, i) => i % 2 === 0));
    const odd = moments(xs.filter((_, i) => i % 2 === 1));
    expect(Math.abs(even.mean - odd.mean)).toBeLessThan(0.03);
    expect(xs.every(Number.isFinite)).toBe(true);
    expect(xs.filter((x) => Math.abs(x - 2) < 0.5).length / n).toBeCloseTo(0.6827, 1);
  });

  it('bernoulli(p) gives 1 with probability p, in any dtype', () => {
    const f = h.take(h.b.random({ kind: 'bernoulli', p: 0.3 }, n, 'float32', KEY));
    expect(f.every((x) => x === 0 || x === 1)).toBe(true);
    expect(moments(f).mean).toBeCloseTo(0.3, 1);
    const b = h.b.random({ kind: 'bernoulli', p: 0.3 }, n, 'bool', KEY);
    expect(b.dtype).toBe('bool');
    expect(h.take(b)).toEqual(f);
    expect(h.take(h.b.random({ kind: 'bernoulli', p: 0.3 }, 50, 'int32', KEY))).toEqual(f.slice(0, 50));
    expect(h.take(h.b.random({ kind: 'bernoulli', p: 0 }, 1000, 'int32', KEY)).every((x) => x === 0)).toBe(true);
    expect(h.take(h.b.random({ kind: 'bernoulli', p: 1 }, 1000, 'bool', KEY)).every((x) => x === 1)).toBe(true);
  });
});

describe('random edges', () => {
  it('keeps float32 uniform draws strictly below high even when rounding would reach it', () => {
    // Every draw rounds to high in float32 unless clamped: the range is narrower than one ulp.
    const low = 1;
    const high = 1 + 2 ** -23;
    const xs = h.take(h.b.random({ kind: 'uniform', low, high }, 1000, 'float32', KEY));
    expect(xs.every((x) => x >= low && x < high)).toBe(true);
    const tenth = h.take(h.b.random({ kind: 'uniform', low: 0.0999999, high: 0.1 }, 1000, 'float32', KEY));
    expect(tenth.every((x) => x < 0.1)).toBe(true);
    const same = h.take(h.b.random({ kind: 'uniform', low: 2, high: 2 }, 3, 'float64', KEY));
    expect(same).toEqual([2, 2, 2]);
  });

  it('fills zero elements and odd normal counts', () => {
    expect(h.take(h.b.random({ kind: 'uniform', low: 0, high: 1 }, 0, 'float32', KEY))).toEqual([]);
    expect(h.take(h.b.random({ kind: 'normal', mean: 0, std: 1 }, 3, 'float64', KEY))).toHaveLength(3);
    expect(h.take(h.b.random({ kind: 'normal', mean: 5, std: 0 }, 3, 'float64', KEY))).toEqual([5, 5, 5]);
  });

  it('needs a float dtype for uniform and normal, naming the backend', () => {
    expect(() => h.b.random({ kind: 'uniform', low: 0, high: 1 }, 3, 'int32', KEY)).toThrow(DTypeError);
    expect(() => h.b.random({ kind: 'normal', mean: 0, std: 1 }, 3, 'bool', KEY)).toThrow(
      'cpu: random: normal samples need a float dtype, got bool',
    );
  });

  it('rejects bad parameters and sizes', () => {
    const bad: RandomDistribution[] = [
      { kind: 'uniform', low: 1, high: 0 },
      { kind: 'uniform', low: 0, high: Number.POSITIVE_INFINITY },
      { kind: 'normal', mean: 0, std: -1 },
      { kind: 'bernoulli', p: 1.5 },
      { kind: 'bernoulli', p: Number.NaN },
      { kind: 'poisson' } as unknown as RandomDistribution,
    ];
    for (const d of bad) expect(() => h.b.random(d, 3, 'float32', KEY)).toThrow(ValueError);
    expect(() => h.b.random({ kind: 'bernoulli', p: 2 }, 3, 'float32', KEY)).toThrow('random: invalid bernoulli distribution');
    expect(() => h.b.random({ kind: 'bernoulli', p: 0.5 }, -1, 'float32', KEY)).toThrow('random: size must be');
    expect(() => h.b.random({ kind: 'bernoulli', p: 0.5 }, 1.5, 'float32', KEY)).toThrow(ValueError);
  });
});
