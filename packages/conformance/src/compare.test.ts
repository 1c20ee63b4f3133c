import type { Tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, findMismatch, formatNumber } from './compare.js';
import { NdArray } from './reference/ndarray.js';

/** Just enough of a Tensor for expectClose: dtype, shape and data(). */
function fakeTensor(values: number[], shape: number[], dtype: Tensor['dtype'] = 'float32'): Tensor {
  return { dtype, shape, data: async () => Float32Array.from(values) } as unknown as Tensor;
}

const tol = { rtol: 1e-3, atol: 1e-6 };

describe('findMismatch', () => {
  it('matches NaN only with NaN and infinities only by sign', () => {
    expect(findMismatch([Number.NaN, Infinity, -0], [Number.NaN, Infinity, 0], [3], 'float32', tol)).toBeNull();
    expect(findMismatch([0], [Number.NaN], [1], 'float32', tol)?.flat).toBe(0);
    expect(findMismatch([-Infinity], [Infinity], [1], 'float64', tol)).not.toBeNull();
    expect(findMismatch([1e30], [Infinity], [1], 'float64', tol)).not.toBeNull();
  });

  it('compares int32 and bool exactly and counts every mismatch', () => {
    const m = findMismatch([1, 2, 3, 5], [1, 2, 4, 6], [2, 2], 'int32', { rtol: 1, atol: 1 });
    expect(m).toEqual({ flat: 2, index: [1, 0], got: 3, want: 4, count: 2 });
  });

  it('prints -0, NaN and Infinity visibly', () => {
    expect([-0, Number.NaN, -Infinity].map(formatNumber)).toEqual(['-0', 'NaN', '-Infinity']);
  });
});

describe('expectClose', () => {
  const want = NdArray.of([1, 2, 3, 4], [2, 2], 'float32');

  it('passes within tolerance', async () => {
    await expectClose(fakeTensor([1, 2, 3, 4.0001], [2, 2]), want, tol, 'add');
  });

  it('names op, dtype, shape, index, got and want on failure', async () => {
    await expect(expectClose(fakeTensor([1, 2, 3.5, 4], [2, 2]), want, tol, 'exp')).rejects.toThrow(
      'exp float32 [2,2]: element [1,0] is 3.5, want 3 (rtol 0.001, atol 0.000001); 1 of 4 elements differ',
    );
  });

  it('rejects a wrong dtype or shape before reading values', async () => {
    await expect(expectClose(fakeTensor([1, 2, 3, 4], [4]), want, tol, 'reshape')).rejects.toThrow('reshape float32 [2,2]: shape is [4], want [2,2]');
    await expect(expectClose(fakeTensor([1, 2, 3, 4], [2, 2], 'float64'), want, tol, 'cast')).rejects.toThrow('dtype is float64, want float32');
  });
});
