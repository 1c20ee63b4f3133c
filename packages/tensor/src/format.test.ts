import { describe, expect, it } from 'vitest';
import { arange, tensor, zeros } from './ops/creation.js';

describe('toString prints like PyTorch', () => {
  it('floats, ints, bools and scalars', () => {
    expect(tensor([[1, 2], [3, 4]], { dtype: 'float32' }).toString()).toBe('tensor([[1., 2.],\n        [3., 4.]])');
    expect(tensor([1.5, 2.25]).toString()).toBe('tensor([1.5000, 2.2500])');
    expect(tensor([1, 20]).toString()).toBe('tensor([ 1, 20], dtype=int32)');
    expect(tensor([true, false]).toString()).toBe('tensor([ True, False])');
    expect(tensor(3, { dtype: 'float32' }).toString()).toBe('tensor(3.)');
    expect(tensor([1e-5, 1]).toString()).toBe('tensor([1.0000e-05, 1.0000e+00])');
    expect(tensor([NaN, Infinity, 1]).toString()).toBe('tensor([nan, inf,  1.])');
    expect(tensor([1], { dtype: 'float64' }).toString()).toBe('tensor([1.], dtype=float64)');
  });

  it('empty, 3-D and summarized tensors', () => {
    expect(zeros([0]).toString()).toBe('tensor([])');
    expect(zeros([0, 3]).toString()).toBe('tensor([], size=(0, 3))');
    expect(arange(8).reshape(2, 2, 2).toString()).toBe(
      'tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]], dtype=int32)',
    );
    expect(arange(2000).toString()).toBe('tensor([   0,    1,    2, ..., 1997, 1998, 1999], dtype=int32)');
  });
});
