import { DTypeError } from '@nnkit/core';
import type { DType } from '@nnkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, f32, restride } from '../../test/harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.finish());

const NaN = Number.NaN;
const Inf = Number.POSITIVE_INFINITY;

describe('cast', () => {
  it('floats to int32 truncate toward zero, NaN and Inf give 0', () => {
    const x = h.input([1.9, -1.9, 0.5, -0.5, NaN, Inf, 2147483647], 'float64');
    const out = h.b.cast(x, 'int32');
    expect(out.dtype).toBe('int32');
    expect(h.take(out)).toEqual([1, -1, 0, 0, 0, 0, 2147483647]);
  });

  it('anything to bool is x != 0, with NaN true', () => {
    expect(h.take(h.b.cast(h.input([0, -0, 0.1, NaN, -Inf], 'float32'), 'bool'))).toEqual([0, 0, 1, 1, 1]);
    expect(h.take(h.b.cast(h.input([0, 5, -1], 'int32'), 'bool'))).toEqual([0, 1, 1]);
    expect(h.takeTyped(h.b.cast(h.input([1, 0], 'bool'), 'bool'))).toEqual(Uint8Array.from([1, 0]));
  });

  it('bool and int32 to floats, float64 to float32 rounds', () => {
    expect(h.take(h.b.cast(h.input([1, 0], 'bool'), 'float32'))).toEqual([1, 0]);
    expect(h.takeTyped(h.b.cast(h.input([-3, 16777217], 'int32'), 'float32'))).toEqual(Float32Array.from([-3, 16777216]));
    expect(h.take(h.b.cast(h.input([0.1, 1e40], 'float64'), 'float32'))).toEqual(f32([0.1, Inf]));
    expect(h.take(h.b.cast(h.input([0.1], 'float32'), 'float64'))).toEqual([Math.fround(0.1)]);
  });

  it('casts every dtype to every dtype', () => {
    const dtypes: DType[] = ['float32', 'float64', 'int32', 'bool'];
    for (const from of dtypes) {
      for (const to of dtypes) {
        const out = h.b.cast(h.input([0, 1, 1], from), to);
        expect(out.dtype).toBe(to);
        expect(h.take(out)).toEqual([0, 1, 1]);
      }
    }
  });

  it('casts strided, scalar and empty views', () => {
    const x = h.input([1.5, 2.5, 3.5, 4.5], 'float32', [2, 2]);
    expect(h.take(h.b.cast(restride(x, [2, 2], [1, 2]), 'int32'))).toEqual([1, 3, 2, 4]);
    expect(h.take(h.b.cast(h.input([2.5], 'float64', []), 'int32'))).toEqual([2]);
    expect(h.take(h.b.cast(h.input([], 'float64', [0]), 'bool'))).toEqual([]);
  });

  it('names the backend and dtype it cannot cast to', () => {
    expect(() => h.b.cast(h.input([1], 'float32'), 'int64' as DType)).toThrow(DTypeError);
    expect(() => h.b.cast(h.input([1], 'float32'), 'int64' as DType)).toThrow("cpu: cast: unsupported dtype 'int64'");
  });
});
