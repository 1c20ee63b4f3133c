import { DTypeError, ShapeError, ValueError } from '@nnkit/core';
import type { BinaryOp } from '@nnkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, f32, restride } from '../../test/harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.finish());

const NaN = Number.NaN;
const Inf = Number.POSITIVE_INFINITY;
const A = [1, -2, 3, 0, NaN, Inf];
const B = [2, -2, -1, 0, 1, Inf];

describe('binary ops in float64', () => {
  const cases: [BinaryOp, number[]][] = [
    ['add', [3, -4, 2, 0, NaN, Inf]],
    ['sub', [-1, 0, 4, 0, NaN, NaN]],
    ['mul', [2, 4, -3, 0, NaN, Inf]],
    ['div', [0.5, 1, -3, NaN, NaN, NaN]],
    ['pow', [1, 0.25, 1 / 3, 1, NaN, Inf]],
    ['maximum', [2, -2, 3, 0, NaN, Inf]],
    ['minimum', [1, -2, -1, 0, NaN, Inf]],
    ['eq', [0, 1, 0, 1, 0, 1]],
    ['ne', [1, 0, 1, 0, 1, 0]],
    ['lt', [1, 0, 0, 0, 0, 0]],
    ['le', [1, 1, 0, 1, 0, 1]],
    ['gt', [0, 0, 1, 0, 0, 0]],
    ['ge', [0, 1, 1, 1, 0, 1]],
    ['logicalAnd', [1, 1, 1, 0, 1, 1]],
    ['logicalOr', [1, 1, 1, 0, 1, 1]],
  ];

  it.each(cases)('%s', (op, want) => {
    const isBool = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr'].includes(op);
    const out = h.b.binary(op, h.input(A, 'float64'), h.input(B, 'float64'), isBool ? 'bool' : 'float64');
    expect(out.dtype).toBe(isBool ? 'bool' : 'float64');
    expect(h.take(out)).toEqual(want);
  });

  it('pow follows Math.pow at its edges', () => {
    const got = h.take(h.b.binary('pow', h.input([0, -8, NaN, 2], 'float64'), h.input([0, 1 / 3, 0, -1], 'float64'), 'float64'));
    expect(got).toEqual([1, NaN, 1, 0.5]);
  });
});

describe('binary dtypes', () => {
  it('int32: truncating division, wrapping products and sums', () => {
    const a = h.input([7, -7, 7, 5, 2147483647, 65536], 'int32');
    const b = h.input([2, 2, -2, 0, 1, 65536], 'int32');
    expect(h.take(h.b.binary('div', a, b, 'int32'))).toEqual([3, -3, -3, 0, 2147483647, 1]);
    expect(h.take(h.b.binary('add', a, b, 'int32'))).toEqual([9, -5, 5, 5, -2147483648, 131072]);
    expect(h.take(h.b.binary('mul', a, b, 'int32'))).toEqual([14, -14, -14, 0, 2147483647, 0]);
    expect(h.take(h.b.binary('sub', a, b, 'int32'))).toEqual([5, -9, 9, 5, 2147483646, 0]);
    expect(h.take(h.b.binary('maximum', a, b, 'int32'))).toEqual([7, 2, 7, 5, 2147483647, 65536]);
    expect(h.take(h.b.binary('lt', a, b, 'bool'))).toEqual([0, 1, 0, 0, 0, 0]);
  });

  it('float32 rounds every result to float32', () => {
    const got = h.takeTyped(h.b.binary('add', h.input([0.1, 1e8], 'float32'), h.input([0.2, 1], 'float32'), 'float32'));
    expect(got).toBeInstanceOf(Float32Array);
    expect(Array.from(got)).toEqual(f32([Math.fround(0.1) + Math.fround(0.2), 1e8]));
  });

  it('bool operands and a bool output of arithmetic stay 0/1', () => {
    const a = h.input([1, 1, 0, 0], 'bool');
    const b = h.input([1, 0, 1, 0], 'bool');
    expect(h.take(h.b.binary('logicalAnd', a, b, 'bool'))).toEqual([1, 0, 0, 0]);
    expect(h.take(h.b.binary('logicalOr', a, b, 'bool'))).toEqual([1, 1, 1, 0]);
    expect(h.take(h.b.binary('ne', a, b, 'bool'))).toEqual([0, 1, 1, 0]);
    expect(h.take(h.b.binary('add', a, b, 'bool'))).toEqual([1, 1, 1, 0]);
    expect(h.take(h.b.binary('add', a, b, 'int32'))).toEqual([2, 1, 1, 0]);
  });
});

describe('binary on views', () => {
  it('adds a broadcast row (stride 0) to a transposed matrix', () => {
    const m = h.input([1, 2, 3, 4, 5, 6], 'float32', [2, 3]);
    const t = restride(m, [3, 2], [1, 3]);
    const row = restride(h.input([10, 20], 'float32'), [3, 2], [0, 1]);
    expect(h.take(h.b.binary('add', t, row, 'float32'))).toEqual([11, 24, 12, 25, 13, 26]);
  });

  it('multiplies stepped and offset slices of one buffer', () => {
    const x = h.input([0, 1, 2, 3, 4, 5, 6, 7, 8], 'float64');
    const even = restride(x, [3], [2], 0);
    const tail = restride(x, [3], [1], 6);
    expect(h.take(h.b.binary('mul', even, tail, 'float64'))).toEqual([0, 14, 32]);
  });

  it('handles scalars and empty shapes', () => {
    expect(h.take(h.b.binary('sub', h.input([5], 'int32', []), h.input([7], 'int32', []), 'int32'))).toEqual([-2]);
    const e = h.b.binary('add', h.input([], 'float32', [2, 0]), h.input([], 'float32', [2, 0]), 'float32');
    expect(h.take(e)).toEqual([]);
  });
});

describe('binary errors', () => {
  it('names the op and both shapes on a shape mismatch', () => {
    const a = h.input([1, 2, 3, 4, 5, 6], 'float32', [2, 3]);
    const b = h.input([1, 2, 3], 'float32', [3]);
    expect(() => h.b.binary('add', a, b, 'float32')).toThrow(ShapeError);
    expect(() => h.b.binary('add', a, b, 'float32')).toThrow('add: shapes [2,3] and [3] differ');
  });

  it('names the backend and dtypes on a dtype mismatch, and rejects unknown ops', () => {
    const a = h.input([1], 'float32');
    const b = h.input([1], 'int32');
    expect(() => h.b.binary('mul', a, b, 'float32')).toThrow(DTypeError);
    expect(() => h.b.binary('mul', a, b, 'float32')).toThrow('cpu: mul: both operands must be float32, got int32');
    expect(() => h.b.binary('mod' as BinaryOp, a, a, 'float32')).toThrow(ValueError);
  });
});
