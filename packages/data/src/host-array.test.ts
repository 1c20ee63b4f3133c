import { DTypeError, ShapeError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { HostArray } from './host-array.js';

describe('HostArray', () => {
  it('takes its dtype from the array and checks the shape', () => {
    const a = new HostArray(new Float32Array(6), [2, 3]);
    expect(a.dtype).toBe('float32');
    expect(a.size).toBe(6);
    expect(a.reshape([6]).shape).toEqual([6]);
    expect(a.reshape([3, 2]).data).toBe(a.data);
    expect(() => new HostArray(new Float32Array(5), [2, 3])).toThrow(/shape \[2,3\] holds 6 values, the array has 5/);
    expect(() => new HostArray(new Float32Array(0), [-1])).toThrow(ShapeError);
  });

  it('refuses to guess that bytes are booleans, and mismatched dtypes', () => {
    expect(() => new HostArray(new Uint8Array(2), [2])).toThrow(/Uint8Array needs dtype 'bool'/);
    expect(new HostArray(new Uint8Array(2), [2], 'bool').dtype).toBe('bool');
    expect(() => new HostArray(new Int32Array(2), [2], 'float32')).toThrow(DTypeError);
    expect(() => new HostArray(new Int16Array(2) as never, [2])).toThrow(/must be a Float32Array, Float64Array, Int32Array or Uint8Array, got Int16Array/);
  });

  it('makes scalars', () => {
    const s = HostArray.scalar(2.5);
    expect(s.shape).toEqual([]);
    expect(s.data).toEqual(Float32Array.of(2.5));
    expect(HostArray.scalar(3, 'int32').data).toEqual(Int32Array.of(3));
  });
});
