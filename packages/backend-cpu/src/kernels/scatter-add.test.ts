import { DTypeError, ShapeError, ValueError } from '@nnkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, f32, restride } from '../../test/harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.finish());

describe('scatterAdd', () => {
  it('adds into a copy of x, accumulating repeated indices, as torch.scatter_add', () => {
    const x = h.input([1, 1, 1], 'float64');
    const out = h.b.scatterAdd(x, 0, h.input([0, 0, 2], 'int32'), h.input([10, 20, 30], 'float64'));
    expect(h.take(out)).toEqual([31, 1, 31]);
    expect(Array.from(h.b.readSync(x.data))).toEqual([1, 1, 1]);
  });

  it('scatters along axis 1 and axis 0 of a matrix', () => {
    const zeros = h.input(new Array(6).fill(0), 'float32', [2, 3]);
    const src = h.input([1, 2, 3, 4, 5, 6], 'float32', [2, 3]);
    // out[i][index[i][j]] += src[i][j]
    expect(h.take(h.b.scatterAdd(zeros, 1, h.input([2, 2, 0, 1, 1, 1], 'int32', [2, 3]), src))).toEqual([3, 0, 3, 0, 15, 0]);
    // out[index[i][j]][j] += src[i][j]
    expect(h.take(h.b.scatterAdd(zeros, 0, h.input([1, 0, 1], 'int32', [1, 3]), src))).toEqual([0, 2, 0, 1, 0, 3]);
  });

  it('uses only the part of src the index covers, and strided operands', () => {
    const x = restride(h.input([0, 0, 0, 0, 9], 'int32'), [2, 2], [1, 2]); // transposed zeros
    const src = h.input([1, 2, 3, 4, 5, 6], 'int32', [2, 3]);
    const idx = restride(h.input([1], 'int32'), [2, 1], [0, 0]);
    expect(h.take(h.b.scatterAdd(x, 1, idx, src))).toEqual([0, 1, 0, 4]);
  });

  it('stores each add in the dtype: float32 rounds, int32 wraps, bool ors', () => {
    const f = h.b.scatterAdd(h.input([16777216], 'float32'), 0, h.input([0, 0], 'int32'), h.input([1, 1], 'float32'));
    expect(h.take(f)).toEqual(f32([16777216]));
    const i = h.b.scatterAdd(h.input([2147483647], 'int32'), 0, h.input([0], 'int32'), h.input([1], 'int32'));
    expect(h.take(i)).toEqual([-2147483648]);
    const b = h.b.scatterAdd(h.input([0, 1], 'bool'), 0, h.input([0, 0, 1], 'int32'), h.input([1, 1, 0], 'bool'));
    expect(h.take(b)).toEqual([1, 1]);
  });

  it('handles scalar and empty cases', () => {
    expect(h.take(h.b.scatterAdd(h.input([1], 'float64', []), 0, h.input([0], 'int32', []), h.input([2], 'float64', [])))).toEqual([3]);
    const x = h.input([1, 2], 'float64');
    expect(h.take(h.b.scatterAdd(x, 0, h.input([], 'int32'), h.input([], 'float64')))).toEqual([1, 2]);
  });

  it('throws ValueError naming the op, index and size for an out-of-range index', () => {
    const x = h.input([0, 0], 'float32');
    const src = h.input([1, 1], 'float32');
    expect(() => h.b.scatterAdd(x, 0, h.input([0, 2], 'int32'), src)).toThrow(ValueError);
    expect(() => h.b.scatterAdd(x, 0, h.input([0, 2], 'int32'), src)).toThrow(
      'scatterAdd: index 2 is out of bounds for dimension 0 with size 2',
    );
  });

  it('checks dtypes and shapes', () => {
    const x = h.input([0, 0, 0, 0], 'float32', [2, 2]);
    const src = h.input([1, 1, 1, 1], 'float32', [2, 2]);
    expect(() => h.b.scatterAdd(x, 0, h.input([0, 0, 0, 0], 'float32', [2, 2]), src)).toThrow(DTypeError);
    expect(() => h.b.scatterAdd(x, 0, h.input([0, 0, 0, 0], 'int32', [2, 2]), h.input([1, 1, 1, 1], 'float64', [2, 2]))).toThrow(
      'cpu: scatterAdd: src (the input dtype) must be float32, got float64',
    );
    expect(() => h.b.scatterAdd(x, 0, h.input([0, 0, 0], 'int32', [3, 1]), src)).toThrow(ShapeError);
    expect(() => h.b.scatterAdd(x, 0, h.input([0, 0, 0], 'int32', [1, 3]), h.input([1, 1, 1], 'float32', [1, 3]))).toThrow(
      'scatterAdd: index shape [1,3] does not fit input shape [2,2] (index is larger at dimension 1)',
    );
    expect(() => h.b.scatterAdd(x, 3, h.input([0, 0, 0, 0], 'int32', [2, 2]), src)).toThrow('scatterAdd: axis 3 is out of range');
  });
});
