import { DTypeError, ValueError } from '@nnkit/core';
import type { DType } from '@nnkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness } from '../../test/harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.finish());

describe('upload', () => {
  it('copies arrays and typed arrays into each dtype, converting as a typed array does', () => {
    const src = new Float64Array([1.7, -2.2, 0.1]);
    const f = h.b.upload(src, 'float64');
    src[0] = 99;
    expect(h.take(f)).toEqual([1.7, -2.2, 0.1]);
    expect(h.take(h.b.upload([1.7, -2.2], 'int32'))).toEqual([1, -2]);
    expect(h.take(h.b.upload([0.1], 'float32'))).toEqual([Math.fround(0.1)]);
    expect(h.takeTyped(h.b.upload(new Int32Array([3]), 'float32'))).toEqual(Float32Array.from([3]));
  });

  it('stores bool as 0/1: x != 0, NaN true', () => {
    const b = h.b.upload([0, 2, 256, 0.5, Number.NaN, -1], 'bool');
    expect(b.dtype).toBe('bool');
    expect(h.takeTyped(b)).toEqual(Uint8Array.from([0, 1, 1, 1, 1, 1]));
  });

  it('reports size and dtype on the handle and handles empty uploads', () => {
    const d = h.b.upload([1, 2, 3], 'int32');
    expect([d.size, d.dtype]).toEqual([3, 'int32']);
    h.b.release(d);
    expect(h.take(h.b.upload([], 'float32'))).toEqual([]);
  });

  it('names the backend and the dtype it does not store', () => {
    expect(() => h.b.upload([1], 'complex64' as DType)).toThrow(DTypeError);
    expect(() => h.b.upload([1], 'complex64' as DType)).toThrow("cpu: upload: unsupported dtype 'complex64'");
  });
});

describe('full', () => {
  it('fills each dtype', () => {
    expect(h.take(h.b.full(3, 0.5, 'float32'))).toEqual([0.5, 0.5, 0.5]);
    expect(h.take(h.b.full(2, -Infinity, 'float64'))).toEqual([-Infinity, -Infinity]);
    expect(h.take(h.b.full(2, 7.9, 'int32'))).toEqual([7, 7]);
    expect(h.take(h.b.full(2, 3, 'bool'))).toEqual([1, 1]);
    expect(h.take(h.b.full(1, 0, 'bool'))).toEqual([0]);
    expect(h.take(h.b.full(0, 1, 'float32'))).toEqual([]);
  });

  it('rejects bad sizes and dtypes', () => {
    expect(() => h.b.full(-1, 0, 'float32')).toThrow(ValueError);
    expect(() => h.b.full(2.5, 0, 'float32')).toThrow('full: size must be a non-negative integer, got 2.5');
    expect(() => h.b.full(1, 0, 'uint8' as DType)).toThrow(DTypeError);
  });
});
