import { ValueError } from '@nnkit/core';
import type { ReduceOp } from '@nnkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, f32, restride } from '../../test/harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.finish());

const NaN = Number.NaN;
// [[1, 2, 3], [4, 5, 6]]
const M = [1, 2, 3, 4, 5, 6];

describe('reduce values', () => {
  const cases: [ReduceOp, number[], number[], number[], number[]][] = [
    // op, axes [0], axes [1], axes [0, 1], axes []
    ['sum', [5, 7, 9], [6, 15], [21], M],
    ['prod', [4, 10, 18], [6, 120], [720], M],
    ['max', [4, 5, 6], [3, 6], [6], M],
    ['min', [1, 2, 3], [1, 4], [1], M],
  ];

  it.each(cases)('%s over each set of axes', (op, ax0, ax1, all, none) => {
    const x = h.input(M, 'float64', [2, 3]);
    expect(h.take(h.b.reduce(op, x, [0], 'float64'))).toEqual(ax0);
    expect(h.take(h.b.reduce(op, x, [1], 'float64'))).toEqual(ax1);
    expect(h.take(h.b.reduce(op, x, [0, 1], 'float64'))).toEqual(all);
    expect(h.take(h.b.reduce(op, x, [], 'float64'))).toEqual(none);
  });

  it('reduces middle and outer axes of a 3-d tensor', () => {
    const x = h.input(Array.from({ length: 24 }, (_, i) => i), 'int32', [2, 3, 4]);
    expect(h.take(h.b.reduce('sum', x, [1], 'int32'))).toEqual([12, 15, 18, 21, 48, 51, 54, 57]);
    expect(h.take(h.b.reduce('sum', x, [0, 2], 'int32'))).toEqual([60, 92, 124]);
    expect(h.take(h.b.reduce('max', x, [0, 1], 'int32'))).toEqual([20, 21, 22, 23]);
  });

  it('reduces a transposed, offset, broadcast view', () => {
    const x = h.input([9, 1, 2, 3, 4, 5, 6], 'float32');
    const t = restride(x, [3, 2], [1, 3], 1); // [[1, 4], [2, 5], [3, 6]]
    expect(h.take(h.b.reduce('sum', t, [0], 'float32'))).toEqual([6, 15]);
    expect(h.take(h.b.reduce('min', t, [1], 'float32'))).toEqual([1, 2, 3]);
    const bc = restride(x, [4, 2], [0, 1], 1); // four copies of [1, 2]
    expect(h.take(h.b.reduce('sum', bc, [0], 'float32'))).toEqual([4, 8]);
  });
});

describe('reduce semantics', () => {
  it('propagates NaN through max, min, sum and prod', () => {
    const x = h.input([1, NaN, 3, 4, 5, 6], 'float64', [2, 3]);
    for (const op of ['max', 'min', 'sum', 'prod'] as const) {
      expect(h.take(h.b.reduce(op, x, [1], 'float64'))).toEqual([NaN, op === 'max' ? 6 : op === 'min' ? 4 : op === 'sum' ? 15 : 120]);
    }
    const tailNaN = h.input([1, 2, NaN], 'float32');
    expect(h.take(h.b.reduce('max', tailNaN, [0], 'float32'))).toEqual([NaN]);
    expect(h.take(h.b.reduce('min', h.input([NaN, -1], 'float32'), [0], 'float32'))).toEqual([NaN]);
  });

  it('sums and multiplies an empty set to 0 and 1', () => {
    const e = h.input([], 'float32', [2, 0]);
    expect(h.take(h.b.reduce('sum', e, [1], 'float32'))).toEqual([0, 0]);
    expect(h.take(h.b.reduce('prod', e, [1], 'float32'))).toEqual([1, 1]);
    expect(h.take(h.b.reduce('sum', e, [0, 1], 'float32'))).toEqual([0]);
    expect(h.take(h.b.reduce('sum', e, [0], 'float32'))).toEqual([]);
  });

  it('refuses max/min over an empty dimension', () => {
    const e = h.input([], 'float32', [0, 3]);
    expect(() => h.b.reduce('max', e, [0], 'float32')).toThrow(ValueError);
    expect(() => h.b.reduce('max', e, [0], 'float32')).toThrow('max: cannot reduce an empty dimension');
    expect(() => h.b.reduce('min', e, [0, 1], 'float32')).toThrow('min: cannot reduce an empty dimension');
  });

  it('accumulates float32 input in float64', () => {
    const x = h.input(new Float32Array(10).fill(0.1), 'float32');
    const [s] = h.take(h.b.reduce('sum', x, [0], 'float64'));
    expect(s).toBeCloseTo(10 * Math.fround(0.1), 14);
    const big = h.input([16777216, 1, 1], 'float32');
    expect(h.take(h.b.reduce('sum', big, [0], 'float32'))).toEqual(f32([16777218]));
  });

  it('sums bool into int32 and reduces scalars to themselves', () => {
    expect(h.take(h.b.reduce('sum', h.input([1, 1, 0, 1], 'bool'), [0], 'int32'))).toEqual([3]);
    expect(h.take(h.b.reduce('max', h.input([1, 0], 'bool'), [0], 'bool'))).toEqual([1]);
    expect(h.take(h.b.reduce('sum', h.input([4.5], 'float64', []), [], 'float64'))).toEqual([4.5]);
  });

  it('rejects unsorted, repeated, out-of-range axes and unknown ops', () => {
    const x = h.input(M, 'float64', [2, 3]);
    expect(() => h.b.reduce('sum', x, [1, 0], 'float64')).toThrow(ValueError);
    expect(() => h.b.reduce('sum', x, [0, 0], 'float64')).toThrow('sum: axes [0,0] must be sorted, distinct');
    expect(() => h.b.reduce('sum', x, [2], 'float64')).toThrow(ValueError);
    expect(() => h.b.reduce('sum', x, [-1], 'float64')).toThrow(ValueError);
    expect(() => h.b.reduce('mean' as ReduceOp, x, [0], 'float64')).toThrow("reduce: unknown op 'mean'");
  });
});
