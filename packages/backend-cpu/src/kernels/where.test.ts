import { DTypeError, ShapeError } from '@nnkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, restride } from '../../test/harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.finish());

describe('where', () => {
  it('selects elementwise in each dtype', () => {
    const c = h.input([1, 0, 1, 0], 'bool');
    expect(h.take(h.b.where(c, h.input([1, 2, 3, 4], 'float64'), h.input([-1, -2, -3, -4], 'float64'), 'float64'))).toEqual([1, -2, 3, -4]);
    expect(h.take(h.b.where(c, h.input([1, 2, 3, 4], 'int32'), h.input([0, 0, 0, 0], 'int32'), 'int32'))).toEqual([1, 0, 3, 0]);
    expect(h.take(h.b.where(c, h.input([0, 1, 1, 1], 'bool'), h.input([1, 0, 1, 0], 'bool'), 'bool'))).toEqual([0, 0, 1, 0]);
    const out = h.b.where(c, h.input([0.1, 0, 0, 0], 'float32'), h.input([0, Number.NaN, 0, 0], 'float32'), 'float32');
    expect(h.take(out)).toEqual([Math.fround(0.1), Number.NaN, 0, 0]);
  });

  it('takes broadcast and transposed operands', () => {
    const c = restride(h.input([1, 0], 'bool'), [2, 2], [0, 1]); // [[1, 0], [1, 0]]
    const a = restride(h.input([1, 2, 3, 4], 'float32', [2, 2]), [2, 2], [1, 2]); // [[1, 3], [2, 4]]
    const b = restride(h.input([9], 'float32'), [2, 2], [0, 0]);
    expect(h.take(h.b.where(c, a, b, 'float32'))).toEqual([1, 9, 2, 9]);
  });

  it('handles scalars and empty shapes', () => {
    expect(h.take(h.b.where(h.input([0], 'bool', []), h.input([1], 'int32', []), h.input([2], 'int32', []), 'int32'))).toEqual([2]);
    const e = h.input([], 'float32', [0, 2]);
    expect(h.take(h.b.where(h.input([], 'bool', [0, 2]), e, e, 'float32'))).toEqual([]);
  });

  it('needs a bool condition and one shape', () => {
    const f = h.input([1, 0], 'float32');
    expect(() => h.b.where(f, f, f, 'float32')).toThrow(DTypeError);
    expect(() => h.b.where(f, f, f, 'float32')).toThrow('cpu: where: the condition must be bool, got float32');
    const c = h.input([1, 0, 1], 'bool');
    expect(() => h.b.where(c, f, f, 'float32')).toThrow(ShapeError);
    expect(() => h.b.where(c, f, f, 'float32')).toThrow('where: shapes [3], [2] and [2] differ');
  });
});
