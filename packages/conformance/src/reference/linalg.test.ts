import { describe, expect, it } from 'vitest';
import { linearRef, matmulRef } from './linalg.js';
import { NdArray } from './ndarray.js';

const f = (values: number[], shape: number[]) => NdArray.of(values, shape, 'float64');
const i = (values: number[], shape: number[]) => NdArray.of(values, shape, 'int32');

describe('linalg references', () => {
  it('multiplies with PyTorch rank rules', () => {
    expect(matmulRef(f([1, 2], [2]), f([3, 4], [2])).shape).toEqual([]);
    expect(matmulRef(f([1, 2, 3, 4], [2, 2]), f([1, 1], [2])).toArray()).toEqual([3, 7]);
    const batched = matmulRef(f([1, 0, 0, 1], [1, 2, 2]), f([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]));
    expect(batched.shape).toEqual([2, 2, 2]);
    expect(batched.toArray()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(matmulRef(i([65536], [1, 1]), i([65536], [1, 1])).toArray()).toEqual([0]);
  });

  it('computes linear with bias and relu', () => {
    const y = linearRef(f([1, 2], [1, 2]), f([1, 1, -1, 0], [2, 2]), f([0, 0.5], [2]), 'relu');
    expect(y.toArray()).toEqual([3, 0]);
  });
});
