import { ValueError } from '@nnkit/core';
import type { ArgReduceOp } from '@nnkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, restride } from '../../test/harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.finish());

const NaN = Number.NaN;

describe('argReduce', () => {
  it('finds the first max and min along each axis as int32', () => {
    // [[1, 5, 5], [7, 0, 7]]
    const x = h.input([1, 5, 5, 7, 0, 7], 'float32', [2, 3]);
    const out = h.b.argReduce('argmax', x, 1);
    expect(out.dtype).toBe('int32');
    expect(h.takeTyped(out)).toEqual(Int32Array.from([1, 0]));
    expect(h.take(h.b.argReduce('argmin', x, 1))).toEqual([0, 1]);
    expect(h.take(h.b.argReduce('argmax', x, 0))).toEqual([1, 0, 1]);
    expect(h.take(h.b.argReduce('argmin', x, 0))).toEqual([0, 1, 0]);
  });

  it('treats NaN as both the max and the min, first NaN winning', () => {
    const x = h.input([1, NaN, 9, NaN, -9], 'float64');
    expect(h.take(h.b.argReduce('argmax', x, 0))).toEqual([1]);
    expect(h.take(h.b.argReduce('argmin', x, 0))).toEqual([1]);
    expect(h.take(h.b.argReduce('argmax', h.input([NaN, 2], 'float32'), 0))).toEqual([0]);
  });

  it('works on int32, bool, strided and 3-d inputs', () => {
    expect(h.take(h.b.argReduce('argmin', h.input([3, -4, 2, -4], 'int32'), 0))).toEqual([1]);
    expect(h.take(h.b.argReduce('argmax', h.input([0, 0, 1, 1], 'bool'), 0))).toEqual([2]);
    const x = h.input([0, 3, 1, 4, 1, 5, 9, 2, 6], 'float64', [3, 3]);
    expect(h.take(h.b.argReduce('argmax', restride(x, [3, 3], [1, 3]), 1))).toEqual([2, 0, 2]);
    const cube = h.input([1, 8, 3, 4, 5, 6, 7, 2], 'float64', [2, 2, 2]);
    expect(h.take(h.b.argReduce('argmax', cube, 1))).toEqual([1, 0, 1, 0]);
  });

  it('handles scalars and empty outer dims', () => {
    expect(h.take(h.b.argReduce('argmax', h.input([3], 'float32', []), 0))).toEqual([0]);
    expect(h.take(h.b.argReduce('argmax', h.input([], 'float32', [0, 4]), 1))).toEqual([]);
  });

  it('refuses an empty reduced dimension, a bad axis and an unknown op', () => {
    const e = h.input([], 'float32', [3, 0]);
    expect(() => h.b.argReduce('argmax', e, 1)).toThrow(ValueError);
    expect(() => h.b.argReduce('argmin', e, 1)).toThrow('argmin: cannot reduce an empty dimension');
    const x = h.input([1, 2], 'float32');
    expect(() => h.b.argReduce('argmax', x, 1)).toThrow('argmax: axis 1 is out of range');
    expect(() => h.b.argReduce('argsort' as ArgReduceOp, x, 0)).toThrow(ValueError);
  });
});
