import { BackendError, ShapeError } from '@nnkit/core';
import { createCpuBackend } from '@nnkit/backend-cpu';
import { describe, expect, it } from 'vitest';
import { add, div, eq, maximum, mul, pow, sub } from './binary.js';
import { tensor } from './creation.js';
import { clamp, where } from './where.js';

const vals = async (t: { data(): Promise<ArrayLike<number>> }) => Array.from(await t.data());

describe('binary ops', () => {
  it('broadcast with NumPy rules', async () => {
    const a = tensor([[1], [2], [3]], { dtype: 'float32' });
    const b = tensor([10, 20], { dtype: 'float32' });
    const c = add(a, b);
    expect(c.shape).toEqual([3, 2]);
    expect(await vals(c)).toEqual([11, 21, 12, 22, 13, 23]);
    expect(await vals(sub(b, a))).toEqual([9, 19, 8, 18, 7, 17]);
  });

  it('accept scalars on either side with PyTorch promotion', async () => {
    const i = tensor([1, 2, 3]);
    expect(add(i, 1).dtype).toBe('int32');
    expect(add(i, 0.5).dtype).toBe('float32');
    expect(await vals(mul(2, i))).toEqual([2, 4, 6]);
    expect(div(i, 2).dtype).toBe('float32');
    expect(await vals(div(i, 2))).toEqual([0.5, 1, 1.5]);
    expect(add(tensor([1], { dtype: 'float64' }), tensor([1], { dtype: 'float32' })).dtype).toBe('float64');
    expect(await vals(pow(tensor([2, 3], { dtype: 'float32' }), 2))).toEqual([4, 9]);
  });

  it('compare into bool and propagate NaN through maximum', async () => {
    const x = tensor([1, NaN, 3], { dtype: 'float32' });
    const e = eq(x, 3);
    expect(e.dtype).toBe('bool');
    expect(await vals(e)).toEqual([0, 0, 1]);
    expect((await vals(maximum(x, 2))).map(String)).toEqual(['2', 'NaN', '3']);
  });

  it('name the op and both shapes when shapes do not broadcast', () => {
    const a = tensor(new Float32Array(6), { shape: [2, 3] });
    const b = tensor(new Float32Array(8), { shape: [4, 2] });
    expect(() => add(a, b)).toThrow(ShapeError);
    expect(() => mul(a, b)).toThrow('mul: shapes [2,3] and [4,2] cannot be broadcast');
  });

  it('refuse operands on different backends', () => {
    const other = createCpuBackend({ name: 'cpu-2' });
    const a = tensor([1, 2]);
    const b = tensor([1, 2], { backend: other });
    expect(() => add(a, b)).toThrow(BackendError);
    expect(() => add(a, b)).toThrow('different backends');
  });

  it('where and clamp', async () => {
    const x = tensor([-2, -0.5, 0.5, 2], { dtype: 'float32' });
    expect(await vals(where(x.gt(0), x, 0))).toEqual([0, 0, 0.5, 2]);
    expect(await vals(clamp(x, -1, 1))).toEqual([-1, -0.5, 0.5, 1]);
    expect(await vals(clamp(x, 0))).toEqual([0, 0, 0.5, 2]);
    expect(() => clamp(x)).toThrow('clamp');
  });
});
