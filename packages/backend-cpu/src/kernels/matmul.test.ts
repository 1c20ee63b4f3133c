import { DTypeError, ShapeError } from '@nnkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, f32, restride } from '../../test/harness.js';
import { matmulKernel } from './matmul.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.finish());

/** Plain triple loop in float64: the oracle. */
function naive(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): number[] {
  const out = new Array<number>(m * n).fill(0);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) out[i * n + j] += a[i * k + p] * b[p * n + j];
  return out;
}

describe('matmul values', () => {
  it('multiplies 2-d matrices by hand', () => {
    const a = h.input([1, 2, 3, 4, 5, 6], 'float64', [2, 3]);
    const b = h.input([7, 8, 9, 10, 11, 12], 'float64', [3, 2]);
    expect(h.take(h.b.matmul(a, b, 'float64'))).toEqual([58, 64, 139, 154]);
  });

  it('matches the triple loop on odd sizes (row blocks of 4 plus a remainder)', () => {
    const [m, k, n] = [7, 5, 3];
    const av = Array.from({ length: m * k }, (_, i) => Math.sin(i));
    const bv = Array.from({ length: k * n }, (_, i) => Math.cos(i));
    const got = h.take(h.b.matmul(h.input(av, 'float64', [m, k]), h.input(bv, 'float64', [k, n]), 'float64'));
    naive(av, bv, m, k, n).forEach((w, i) => expect(got[i]).toBeCloseTo(w, 13));
  });

  it('takes transposed and offset operands', () => {
    const a = h.input([1, 4, 2, 5, 3, 6], 'float32', [3, 2]); // aᵀ = [[1, 2, 3], [4, 5, 6]]
    const b = h.input([0, 7, 8, 9, 10, 11, 12], 'float32');
    const got = h.b.matmul(restride(a, [2, 3], [1, 2]), restride(b, [3, 2], [2, 1], 1), 'float32');
    expect(h.take(got)).toEqual([58, 64, 139, 154]);
  });

  it('batches, including a batch broadcast by stride 0', () => {
    const a = h.input([1, 0, 0, 1, 2, 0, 0, 2], 'float64', [2, 2, 2]); // I, 2I
    const b = h.input([1, 2, 3, 4], 'float64', [2, 2]);
    const bb = restride(b, [2, 2, 2], [0, 2, 1]);
    expect(h.take(h.b.matmul(a, bb, 'float64'))).toEqual([1, 2, 3, 4, 2, 4, 6, 8]);
    const a4 = h.input([1, 2, 3, 4, 5, 6, 7, 8], 'float64', [2, 1, 2, 2]);
    const b4 = restride(b, [2, 1, 2, 2], [0, 0, 2, 1]);
    expect(h.take(h.b.matmul(a4, b4, 'float64'))).toEqual([7, 10, 15, 22, 23, 34, 31, 46]);
  });

  it('gives zeros for K = 0 and nothing for M = 0 or an empty batch', () => {
    expect(h.take(h.b.matmul(h.input([], 'float32', [2, 0]), h.input([], 'float32', [0, 3]), 'float32'))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(h.take(h.b.matmul(h.input([], 'float32', [0, 2]), h.input([1, 2], 'float32', [2, 1]), 'float32'))).toEqual([]);
    expect(h.take(h.b.matmul(h.input([], 'float32', [0, 1, 1]), h.input([], 'float32', [0, 1, 1]), 'float32'))).toEqual([]);
  });

  it('propagates NaN and Inf (no zero skipping)', () => {
    const a = h.input([0, 1], 'float64', [1, 2]);
    const b = h.input([Number.POSITIVE_INFINITY, Number.NaN], 'float64', [2, 1]);
    expect(h.take(h.b.matmul(a, b, 'float64'))).toEqual([Number.NaN]);
  });
});

describe('matmul dtypes', () => {
  it('float32 accumulates in float64 and rounds once', () => {
    const a = h.input([16777216, 1, 1], 'float32', [1, 3]);
    const b = h.input([1, 1, 1], 'float32', [3, 1]);
    expect(h.take(h.b.matmul(a, b, 'float32'))).toEqual(f32([16777218]));
  });

  it('int32 in, int32 or float64 out; bool out is x != 0', () => {
    const a = h.input([1, -2, 3, 4], 'int32', [2, 2]);
    const b = h.input([5, 6, 7, 8], 'int32', [2, 2]);
    expect(h.take(h.b.matmul(a, b, 'int32'))).toEqual([-9, -10, 43, 50]);
    expect(h.take(h.b.matmul(a, b, 'float64'))).toEqual([-9, -10, 43, 50]);
    const z = h.input([0, 0, 0, 2], 'float32', [2, 2]);
    expect(h.take(h.b.matmul(z, z, 'bool'))).toEqual([0, 0, 0, 1]);
  });
});

describe('matmul errors', () => {
  it('names both shapes when the inner dimensions differ', () => {
    const a = h.input(new Array(6).fill(1), 'float32', [2, 3]);
    const b = h.input(new Array(20).fill(1), 'float32', [4, 5]);
    expect(() => h.b.matmul(a, b, 'float32')).toThrow(ShapeError);
    expect(() => h.b.matmul(a, b, 'float32')).toThrow('matmul: cannot multiply [2,3] by [4,5] (inner dimensions 3 and 4 differ)');
  });

  it('rejects differing batch dims, ranks below 2 and mixed dtypes', () => {
    const a = h.input(new Array(8).fill(1), 'float32', [2, 2, 2]);
    const b = h.input(new Array(12).fill(1), 'float32', [3, 2, 2]);
    expect(() => h.b.matmul(a, b, 'float32')).toThrow('batch dimensions [2] and [3] differ');
    expect(() => h.b.matmul(a, restride(b, [2, 2], [2, 1]), 'float32')).toThrow('batch ranks differ');
    expect(() => h.b.matmul(restride(a, [2], [1]), restride(a, [2], [1]), 'float32')).toThrow('at least 2 dimensions');
    const i = h.input([1, 1, 1, 1], 'int32', [2, 2]);
    expect(() => h.b.matmul(restride(a, [2, 2], [2, 1]), i, 'float32')).toThrow(DTypeError);
  });
});

describe('matmul speed', () => {
  it('multiplies 256x784 by 784x256 in float32 quickly and correctly', () => {
    const [m, k, n] = [256, 784, 256];
    const a = new Float32Array(m * k).map((_, i) => ((i * 7) % 13) / 13 - 0.5);
    const b = new Float32Array(k * n).map((_, i) => ((i * 5) % 11) / 11 - 0.5);
    const av = { array: a, shape: [m, k], strides: [k, 1], offset: 0 };
    const bv = { array: b, shape: [k, n], strides: [n, 1], offset: 0 };
    matmulKernel(av, bv, 'float32'); // warm-up
    const t0 = performance.now();
    const out = matmulKernel(av, bv, 'float32');
    const ms = performance.now() - t0;
    // A loose bound so that a loaded machine does not fail it; ~40 ms is typical.
    expect(ms).toBeLessThan(1000);
    for (const [i, j] of [[0, 0], [17, 200], [255, 255]]) {
      let want = 0;
      for (let p = 0; p < k; p++) want += a[i * k + p] * b[p * n + j];
      expect(out[i * n + j]).toBe(Math.fround(want));
    }
  });
});
