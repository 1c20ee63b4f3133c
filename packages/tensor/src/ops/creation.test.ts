import { ShapeError, ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { arange, eye, full, linspace, ones, onesLike, tensor, zeros, zerosLike } from './creation.js';

describe('creation', () => {
  it('infers shape and dtype from nested arrays like PyTorch', async () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('int32');
    expect(Array.from(await t.data())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(tensor([1.5, 2]).dtype).toBe('float32');
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor(3.5).shape).toEqual([]);
    expect(await tensor(3.5).item()).toBe(3.5);
    expect(tensor([[1, 2]], { dtype: 'float64' }).dtype).toBe('float64');
  });

  it('takes typed arrays with an explicit shape', async () => {
    const t = tensor(new Float32Array([1, 2, 3, 4, 5, 6]), { shape: [3, 2] });
    expect(t.shape).toEqual([3, 2]);
    expect(t.dtype).toBe('float32');
    expect(await t.toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
  });

  it('says both sizes when data does not fill the shape', () => {
    expect(() => tensor(new Float32Array(5), { shape: [2, 3] })).toThrow(ShapeError);
    expect(() => tensor(new Float32Array(5), { shape: [2, 3] })).toThrow('tensor: 5 values do not fill shape [2,3] (6 elements)');
    expect(() => tensor([[1, 2], [3]])).toThrow('ragged');
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow('3 values do not fill shape [2,2]');
  });

  it('fills constants', async () => {
    expect(Array.from(await zeros([2, 2]).data())).toEqual([0, 0, 0, 0]);
    expect(Array.from(await ones([3], { dtype: 'int32' }).data())).toEqual([1, 1, 1]);
    expect(Array.from(await full([2], 7).data())).toEqual([7, 7]);
    const like = zerosLike(tensor([[1, 2]], { dtype: 'float64' }));
    expect(like.dtype).toBe('float64');
    expect(like.shape).toEqual([1, 2]);
    expect(onesLike(like).dtype).toBe('float64');
    expect(zeros([0, 3]).size).toBe(0);
    expect(() => zeros([2, -1])).toThrow(ShapeError);
  });

  it('makes ranges, linspace and eye', async () => {
    expect(Array.from(await arange(5).data())).toEqual([0, 1, 2, 3, 4]);
    expect(arange(5).dtype).toBe('int32');
    expect(Array.from(await arange(1, 2, 0.25).data())).toEqual([1, 1.25, 1.5, 1.75]);
    expect(Array.from(await arange(5, 0, -2).data())).toEqual([5, 3, 1]);
    expect(() => arange(0, 1, 0)).toThrow(ValueError);
    expect(Array.from(await linspace(0, 1, 5).data())).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(await linspace(3, 9, 1).data())).toEqual([3]);
    expect(await eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
  });
});
