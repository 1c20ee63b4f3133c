import { ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { tensor } from './creation.js';
import { all, any, argmax, argmin, max, mean, min, prod, sum } from './reduce.js';
import { logSoftmax, logsumexp, norm, softmax, std, variance } from './statistics.js';

const vals = async (t: { data(): Promise<ArrayLike<number>> }) => Array.from(await t.data());
const x = () => tensor([[1, 5, 3], [4, 2, 6]], { dtype: 'float32' });

describe('reductions', () => {
  it('reduce over axes, negative axes and keepdim', async () => {
    expect(await vals(sum(x()))).toEqual([21]);
    expect(sum(x()).shape).toEqual([]);
    expect(await vals(sum(x(), 0))).toEqual([5, 7, 9]);
    expect(await vals(sum(x(), -1))).toEqual([9, 12]);
    expect(sum(x(), 1, true).shape).toEqual([2, 1]);
    expect(sum(x(), [0, 1], true).shape).toEqual([1, 1]);
    expect(await vals(mean(x(), 1))).toEqual([3, 4]);
    expect(await vals(prod(x(), 0))).toEqual([4, 10, 18]);
    expect(await vals(max(x(), 1))).toEqual([5, 6]);
    expect(await vals(min(x(), 0))).toEqual([1, 2, 3]);
  });

  it('sum bools and ints to int32, mean of ints to float', async () => {
    expect(sum(tensor([true, true, false])).dtype).toBe('int32');
    expect(await vals(sum(tensor([true, true, false])))).toEqual([2]);
    expect(mean(tensor([1, 2])).dtype).toBe('float32');
  });

  it('argmax/argmin take the first extreme, and the flat index without an axis', async () => {
    expect(await vals(argmax(x(), 1))).toEqual([1, 2]);
    expect(await vals(argmin(x(), 0))).toEqual([0, 1, 0]);
    expect(await vals(argmax(x()))).toEqual([5]);
    expect(argmax(x(), 1, true).shape).toEqual([2, 1]);
    expect(await vals(argmax(tensor([3, 3, 1])))).toEqual([0]);
  });

  it('all and any, including empty sets', async () => {
    expect(await vals(all(tensor([[1, 0], [1, 1]]), 1))).toEqual([0, 1]);
    expect(await vals(any(tensor([[0, 0], [1, 0]]), 1))).toEqual([0, 1]);
    expect(await vals(all(tensor([])))).toEqual([1]);
    expect(await vals(any(tensor([])))).toEqual([0]);
  });

  it('refuse max of an empty dimension and bad axes', () => {
    expect(() => max(tensor(new Float32Array(0), { shape: [0, 2] }), 0)).toThrow(ValueError);
    expect(() => sum(x(), 2)).toThrow('sum: axis 2 is out of range for a tensor with 2 dimension(s)');
  });

  it('statistics: var/std with correction, logsumexp, softmax, norm', async () => {
    const v = tensor([1, 2, 3, 4], { dtype: 'float64' });
    expect((await vals(variance(v)))[0]).toBeCloseTo(5 / 3, 14);
    expect((await vals(variance(v, 0, { correction: 0 })))[0]).toBeCloseTo(1.25, 14);
    expect((await vals(std(v)))[0]).toBeCloseTo(Math.sqrt(5 / 3), 14);
    const big = tensor([1000, 1000], { dtype: 'float32' });
    expect((await vals(logsumexp(big, 0)))[0]).toBeCloseTo(1000 + Math.LN2, 3);
    expect(await vals(logsumexp(tensor([-Infinity, -Infinity]), 0))).toEqual([-Infinity]);
    const s = await vals(softmax(tensor([[1, 2, 3]], { dtype: 'float64' }), -1));
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    s.forEach((p, i) => expect(p).toBeCloseTo(Math.exp(i + 1) / z, 14));
    const ls = await vals(logSoftmax(tensor([[1000, 0]], { dtype: 'float32' }), 1));
    expect(ls[0]).toBeCloseTo(0, 5);
    expect(ls[1]).toBeCloseTo(-1000, 2);
    expect(await vals(norm(tensor([3, 4], { dtype: 'float32' })))).toEqual([5]);
    expect(await vals(norm(tensor([3, -4], { dtype: 'float32' }), 1))).toEqual([7]);
    expect(await vals(norm(tensor([3, -4], { dtype: 'float32' }), Infinity))).toEqual([4]);
  });
});
