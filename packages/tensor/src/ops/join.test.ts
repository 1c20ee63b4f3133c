import { ShapeError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { arange, ones, tensor, zeros } from './creation.js';
import { gather, indexSelect, oneHot, scatterAdd } from './indexing.js';
import { chunk, concat, split, stack } from './join.js';
import { reshape } from './views.js';

describe('joining and splitting', () => {
  it('concat and stack along any axis', async () => {
    const a = tensor([[1, 2]]);
    const b = tensor([[3, 4], [5, 6]]);
    expect(await concat([a, b]).toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(await concat([b, b], -1).toArray()).toEqual([[3, 4, 3, 4], [5, 6, 5, 6]]);
    expect(await stack([tensor([1, 2]), tensor([3, 4])], 1).toArray()).toEqual([[1, 3], [2, 4]]);
    expect(concat([tensor([1]), tensor([0.5])]).dtype).toBe('float32');
    expect(() => concat([a, ones([2, 3])])).toThrow(ShapeError);
    expect(() => stack([tensor([1]), tensor([1, 2])])).toThrow('stack: all tensors need one shape');
  });

  it('split and chunk give views', async () => {
    const x = arange(7);
    const parts = split(x, 3);
    expect(parts.map((p) => p.shape[0])).toEqual([3, 3, 1]);
    expect(parts[0].storage).toBe(x.storage);
    expect(await split(x, [2, 5])[1].toArray()).toEqual([2, 3, 4, 5, 6]);
    expect(chunk(x, 3).map((p) => p.shape[0])).toEqual([3, 3, 1]);
    expect(() => split(x, [2, 2])).toThrow('split: sizes [2,2] do not add up to dim 0 of size 7');
  });
});

describe('indexing', () => {
  it('gather and scatterAdd like torch', async () => {
    const x = tensor([[1, 2], [3, 4]]);
    expect(await gather(x, 1, tensor([[1], [0]])).toArray()).toEqual([[2], [3]]);
    expect(await gather(x, 0, tensor([[1, 0]])).toArray()).toEqual([[3, 2]]);
    const s = scatterAdd(zeros([3]), 0, tensor([0, 2, 0]), tensor([1, 2, 3], { dtype: 'float32' }));
    expect(await s.toArray()).toEqual([4, 0, 2]);
    expect(() => gather(x, 1, tensor([1.5]))).toThrow('gather: index must be int32');
    expect(() => gather(x, 1, tensor([[5]]))).toThrow();
  });

  it('indexSelect and oneHot', async () => {
    const x = reshape(arange(6), [3, 2]);
    expect(await indexSelect(x, 0, tensor([2, 0])).toArray()).toEqual([[4, 5], [0, 1]]);
    expect(await indexSelect(x, 1, tensor([1])).toArray()).toEqual([[1], [3], [5]]);
    expect(await oneHot(tensor([0, 2]), 3).toArray()).toEqual([[1, 0, 0], [0, 0, 1]]);
    expect(oneHot(tensor([1]), 2, { dtype: 'float32' }).dtype).toBe('float32');
  });
});
