import { ShapeError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { arange, ones, tensor } from './creation.js';
import { linear, matmul } from './matmul.js';
import { reshape, transpose } from './views.js';

describe('matmul', () => {
  it('follows PyTorch rules for 1-D, 2-D and batched operands', async () => {
    const a = tensor([[1, 2], [3, 4]], { dtype: 'float32' });
    const b = tensor([[5, 6], [7, 8]], { dtype: 'float32' });
    expect(await matmul(a, b).toArray()).toEqual([[19, 22], [43, 50]]);
    const v = tensor([1, 1], { dtype: 'float32' });
    expect(matmul(v, v).shape).toEqual([]);
    expect(await matmul(v, v).item()).toBe(2);
    expect(await matmul(a, v).toArray()).toEqual([3, 7]);
    expect(await matmul(v, a).toArray()).toEqual([4, 6]);
    expect(matmul(ones([5, 2, 3]), ones([3, 4])).shape).toEqual([5, 2, 4]);
    expect(matmul(ones([2, 1, 2, 3]), ones([4, 3, 5])).shape).toEqual([2, 4, 2, 5]);
  });

  it('works on transposed views without copying first', async () => {
    const a = reshape(arange(6, undefined, 1, { dtype: 'float32' }), [2, 3]);
    expect(await matmul(transpose(a), a).toArray()).toEqual([[9, 12, 15], [12, 17, 22], [15, 22, 29]]);
  });

  it('names both shapes when inner dimensions differ', () => {
    expect(() => matmul(ones([2, 3]), ones([4, 5]))).toThrow(ShapeError);
    expect(() => matmul(ones([2, 3]), ones([4, 5]))).toThrow('matmul: cannot multiply [2,3] by [4,5] (inner dimensions 3 and 4 differ)');
    expect(() => matmul(ones([]), ones([2]))).toThrow('at least 1 dimension');
  });

  it('linear is x·wᵀ + b for any leading dims', async () => {
    const x = tensor([[1, 2, 3]], { dtype: 'float32' });
    const w = tensor([[1, 0, 0], [0, 1, 1]], { dtype: 'float32' });
    const b = tensor([10, 20], { dtype: 'float32' });
    expect(await linear(x, w, b).toArray()).toEqual([[11, 25]]);
    expect(linear(ones([4, 5, 3]), w, b).shape).toEqual([4, 5, 2]);
    expect(await linear(tensor([1, 2, 3], { dtype: 'float32' }), w).toArray()).toEqual([1, 5]);
    expect(() => linear(ones([2, 4]), w, b)).toThrow('linear: input [2,4], weight [2,3], bias [2] do not fit');
  });
});
