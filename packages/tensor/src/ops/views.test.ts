import { ShapeError, ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { arange, tensor, zeros } from './creation.js';
import { contiguous, expand, flatten, narrow, permute, reshape, select, slice, squeeze, transpose, unsqueeze } from './views.js';

const vals = async (t: { data(): Promise<ArrayLike<number>> }) => Array.from(await t.data());
const grid = () => reshape(arange(6), [2, 3]); // [[0,1,2],[3,4,5]]

describe('views', () => {
  it('share storage: reshape, transpose, permute and expand are free', async () => {
    const x = grid();
    const t = transpose(x);
    expect(t.storage).toBe(x.storage);
    expect(t.shape).toEqual([3, 2]);
    expect(t.isContiguous).toBe(false);
    expect(await t.toArray()).toEqual([[0, 3], [1, 4], [2, 5]]);
    expect(await x.T.toArray()).toEqual([[0, 3], [1, 4], [2, 5]]);
    const e = expand(tensor([[1], [2]]), [2, 3]);
    expect(e.strides).toEqual([1, 0]);
    expect(await e.toArray()).toEqual([[1, 1, 1], [2, 2, 2]]);
    expect(expand(tensor([1, 2]), [3, -1]).shape).toEqual([3, 2]);
    const p = permute(reshape(arange(24), [2, 3, 4]), [2, 0, 1]);
    expect(p.shape).toEqual([4, 2, 3]);
    expect((await vals(p)).slice(0, 6)).toEqual([0, 4, 8, 12, 16, 20]);
  });

  it('reshape infers -1 and copies only non-contiguous inputs', async () => {
    const x = grid();
    expect(reshape(x, [-1]).shape).toEqual([6]);
    expect(reshape(x, [3, -1]).storage).toBe(x.storage);
    const r = reshape(transpose(x), [6]);
    expect(await vals(r)).toEqual([0, 3, 1, 4, 2, 5]);
    expect(() => reshape(x, [4, 2])).toThrow(ShapeError);
    expect(() => reshape(x, [4, 2])).toThrow('reshape: cannot reshape [2,3] (6 elements) into [4,2] (8 elements)');
    expect(() => reshape(x, [-1, -1])).toThrow('only one dimension can be -1');
  });

  it('squeeze, unsqueeze, flatten', () => {
    const x = zeros([2, 1, 3, 1]);
    expect(squeeze(x).shape).toEqual([2, 3]);
    expect(squeeze(x, 1).shape).toEqual([2, 3, 1]);
    expect(squeeze(x, 0).shape).toEqual([2, 1, 3, 1]);
    expect(unsqueeze(zeros([2, 3]), -1).shape).toEqual([2, 3, 1]);
    expect(unsqueeze(zeros([2, 3]), 0).shape).toEqual([1, 2, 3]);
    expect(flatten(zeros([2, 3, 4]), 1).shape).toEqual([2, 12]);
    expect(flatten(zeros([])).shape).toEqual([1]);
  });

  it('slice with steps and negative bounds, narrow and select', async () => {
    const x = reshape(arange(12), [3, 4]);
    expect(await slice(x, [[1, 3], [0, null, 2]]).toArray()).toEqual([[4, 6], [8, 10]]);
    expect(await slice(x, [null, [-1]]).toArray()).toEqual([[3], [7], [11]]);
    expect(slice(x, [[5, 9]]).shape).toEqual([0, 4]);
    expect(await narrow(x, 1, 1, 2).toArray()).toEqual([[1, 2], [5, 6], [9, 10]]);
    expect(await select(x, 0, -1).toArray()).toEqual([8, 9, 10, 11]);
    expect(() => slice(x, [[0, 2, 0]])).toThrow(ValueError);
    expect(() => narrow(x, 0, 2, 5)).toThrow('narrow: start 2 and length 5 do not fit dim 0 of size 3');
    expect(() => select(x, 1, 4)).toThrow('select: index 4 is out of range');
  });

  it('contiguous returns the same tensor when already contiguous', async () => {
    const x = grid();
    expect(contiguous(x)).toBe(x);
    const c = contiguous(transpose(x));
    expect(c.isContiguous).toBe(true);
    expect(await vals(c)).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('copy_ writes in place, broadcasting the source', async () => {
    const x = zeros([2, 2]);
    x.copy_(tensor([1, 2], { dtype: 'float32' }));
    expect(await x.toArray()).toEqual([[1, 2], [1, 2]]);
    expect(() => x.copy_(zeros([3]))).toThrow('copy_: cannot copy [3] into [2,2]');
  });
});

describe('set_', () => {
  it('rebinds a tensor to another storage, keeping its identity', async () => {
    const { memory } = await import('../memory.js');
    const p = zeros([2]);
    const before = memory();
    const next = tensor([3, 4], { dtype: 'float64' });
    const same = p.set_(next);
    expect(same).toBe(p);
    next.dispose();
    expect(p.dtype).toBe('float64');
    expect(await p.toArray()).toEqual([3, 4]);
    expect(memory().buffers).toBe(before.buffers);
    expect(() => p.set_(zeros([3]))).toThrow('set_: source shape [3] differs from [2]');
  });
});
