import { ShapeError } from '@nnkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, restride } from '../../test/harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.finish());

describe('assign', () => {
  it('writes one column of a matrix in place', () => {
    const m = h.input([0, 0, 0, 0, 0, 0], 'float32', [2, 3]);
    h.b.assign(restride(m, [2], [3], 1), h.input([7, 8], 'float32'));
    expect(Array.from(h.b.readSync(m.data))).toEqual([0, 7, 0, 0, 8, 0]);
  });

  it('writes a transposed source into a stepped destination', () => {
    const dst = h.input(new Array(8).fill(0), 'float64');
    const src = restride(h.input([1, 2, 3, 4], 'float64', [2, 2]), [2, 2], [1, 2]); // [[1, 3], [2, 4]]
    h.b.assign(restride(dst, [2, 2], [4, 2], 0), src);
    expect(Array.from(h.b.readSync(dst.data))).toEqual([1, 0, 3, 0, 2, 0, 4, 0]);
  });

  it('fills from a broadcast source and converts dtypes (float to int32 truncates, to bool is != 0)', () => {
    const d = h.input([0, 0, 0], 'int32');
    h.b.assign(d, restride(h.input([-2.7], 'float64'), [3], [0]));
    expect(Array.from(h.b.readSync(d.data))).toEqual([-2, -2, -2]);
    const b = h.input([0, 0, 0], 'bool');
    h.b.assign(b, h.input([0.5, 0, Number.NaN], 'float32'));
    expect(Array.from(h.b.readSync(b.data))).toEqual([1, 0, 1]);
    const f = h.input([0], 'float32');
    h.b.assign(f, h.input([0.1], 'float64'));
    expect(h.b.readSync(f.data)[0]).toBe(Math.fround(0.1));
  });

  it('handles overlapping regions of one buffer (x[1:] = x[:-1])', () => {
    const x = h.input([1, 2, 3, 4], 'int32');
    h.b.assign(restride(x, [3], [1], 1), restride(x, [3], [1], 0));
    expect(Array.from(h.b.readSync(x.data))).toEqual([1, 1, 2, 3]);
  });

  it('writes scalars and does nothing for empty views', () => {
    const x = h.input([1, 2, 3], 'float32');
    h.b.assign(restride(x, [], [], 2), h.input([9], 'float32', []));
    h.b.assign(restride(x, [0], [1], 3), h.input([], 'float32'));
    expect(Array.from(h.b.readSync(x.data))).toEqual([1, 2, 9]);
  });

  it('throws ShapeError naming both shapes when they differ, and for a region outside the buffer', () => {
    const x = h.input([1, 2, 3], 'float32');
    expect(() => h.b.assign(x, h.input([1, 2], 'float32'))).toThrow(ShapeError);
    expect(() => h.b.assign(x, h.input([1, 2], 'float32'))).toThrow('assign: shapes [3] and [2] differ');
    expect(() => h.b.assign(restride(x, [3], [1], 1), x)).toThrow('assign: view (shape [3], strides [1], offset 1)');
  });
});
