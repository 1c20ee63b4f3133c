import { DTypeError, ShapeError, ValueError } from '@nnkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, restride } from '../../test/harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.finish());

// x = [[1, 2, 3], [4, 5, 6]]
const X = [1, 2, 3, 4, 5, 6];

describe('gather', () => {
  it('picks along axis 1 (one per row) and axis 0 (per column), as torch.gather', () => {
    const x = h.input(X, 'float32', [2, 3]);
    expect(h.take(h.b.gather(x, 1, h.input([2, 0], 'int32', [2, 1])))).toEqual([3, 4]);
    expect(h.take(h.b.gather(x, 1, h.input([0, 0, 1, 2, 2, 1], 'int32', [2, 3])))).toEqual([1, 1, 2, 6, 6, 5]);
    expect(h.take(h.b.gather(x, 0, h.input([1, 0, 1], 'int32', [1, 3])))).toEqual([4, 2, 6]);
  });

  it('allows an index smaller than x in the other dims and keeps x dtype', () => {
    const x = h.input(X, 'int32', [2, 3]);
    const out = h.b.gather(x, 0, h.input([1, 1], 'int32', [1, 2]));
    expect(out.dtype).toBe('int32');
    expect(h.take(out)).toEqual([4, 5]);
    expect(h.take(h.b.gather(h.input([1, 0, 1], 'bool'), 0, h.input([1, 1, 0], 'int32')))).toEqual([0, 0, 1]);
  });

  it('reads strided inputs and strided indices', () => {
    const x = restride(h.input(X, 'float64', [2, 3]), [3, 2], [1, 3]); // [[1, 4], [2, 5], [3, 6]]
    const idx = restride(h.input([1, 9, 0, 9, 1], 'int32'), [3, 1], [2, 0]); // [[1], [0], [1]]
    expect(h.take(h.b.gather(x, 1, idx))).toEqual([4, 2, 6]);
    const bcIdx = restride(h.input([2], 'int32'), [2, 2], [0, 0]);
    expect(h.take(h.b.gather(h.input(X, 'float64', [2, 3]), 1, bcIdx))).toEqual([3, 3, 6, 6]);
  });

  it('handles 3-d, scalar and empty cases', () => {
    const cube = h.input([0, 1, 2, 3, 4, 5, 6, 7], 'float32', [2, 2, 2]);
    expect(h.take(h.b.gather(cube, 1, h.input([1, 0, 0, 1], 'int32', [2, 1, 2])))).toEqual([2, 1, 4, 7]);
    expect(h.take(h.b.gather(h.input([5], 'float32', []), 0, h.input([0], 'int32', [])))).toEqual([5]);
    expect(h.take(h.b.gather(h.input(X, 'float32', [2, 3]), 1, h.input([], 'int32', [2, 0])))).toEqual([]);
  });

  it('throws ValueError naming the op, index and size for an out-of-range index', () => {
    const x = h.input(X, 'float32', [2, 3]);
    expect(() => h.b.gather(x, 1, h.input([3, 0], 'int32', [2, 1]))).toThrow(ValueError);
    expect(() => h.b.gather(x, 1, h.input([3, 0], 'int32', [2, 1]))).toThrow(
      'gather: index 3 is out of bounds for dimension 1 with size 3',
    );
    expect(() => h.b.gather(x, 0, h.input([-1], 'int32', [1, 1]))).toThrow('index -1 is out of bounds for dimension 0 with size 2');
  });

  it('checks the index dtype, rank, extent and the axis', () => {
    const x = h.input(X, 'float32', [2, 3]);
    expect(() => h.b.gather(x, 1, h.input([0, 0], 'float32', [2, 1]))).toThrow(DTypeError);
    expect(() => h.b.gather(x, 1, h.input([0, 0], 'int32', [2]))).toThrow(ShapeError);
    expect(() => h.b.gather(x, 1, h.input([0, 0, 0], 'int32', [3, 1]))).toThrow(
      'gather: index shape [3,1] does not fit input shape [2,3] (index is larger at dimension 0)',
    );
    expect(() => h.b.gather(x, 2, h.input([0, 0], 'int32', [2, 1]))).toThrow('gather: axis 2 is out of range');
  });
});
