import { DTypeError, ShapeError } from '@nnkit/core';
import type { DType } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { checkDType, resolveView } from './resolve.js';
import { CpuStorage } from './storage.js';

describe('resolveView', () => {
  const s = new CpuStorage('cpu');
  const data = s.adopt(new Float32Array(6), 'float32');

  it('returns the array and layout of a valid view, including broadcast and empty ones', () => {
    const r = resolveView(s, { data, dtype: 'float32', shape: [2, 3], strides: [0, 2], offset: 1 }, 'op');
    expect(r.array).toBe(s.array(data, 'x'));
    expect([r.shape, r.strides, r.offset, r.dtype]).toEqual([[2, 3], [0, 2], 1, 'float32']);
    // An empty view never touches memory, so its offset may sit at the end.
    expect(() => resolveView(s, { data, dtype: 'float32', shape: [0, 9], strides: [9, 1], offset: 6 }, 'op')).not.toThrow();
  });

  it('throws ShapeError for a view that leaves its buffer, naming op and layout', () => {
    const bad = { data, dtype: 'float32' as DType, shape: [2, 3], strides: [3, 1], offset: 1 };
    expect(() => resolveView(s, bad, 'copy')).toThrow(ShapeError);
    expect(() => resolveView(s, bad, 'copy')).toThrow(
      'copy: view (shape [2,3], strides [3,1], offset 1) reaches element 6 but its buffer holds 6',
    );
  });

  it('throws ShapeError for negative or fractional strides and mismatched ranks', () => {
    const base = { data, dtype: 'float32' as DType, offset: 0 };
    expect(() => resolveView(s, { ...base, shape: [2], strides: [-1] }, 'op')).toThrow(ShapeError);
    expect(() => resolveView(s, { ...base, shape: [2], strides: [1.5] }, 'op')).toThrow('invalid view');
    expect(() => resolveView(s, { ...base, shape: [2, 1], strides: [1] }, 'op')).toThrow(ShapeError);
    expect(() => resolveView(s, { ...base, shape: [-1], strides: [1] }, 'op')).toThrow(ShapeError);
  });

  it('throws DTypeError when the view dtype is not the buffer dtype', () => {
    expect(() => resolveView(s, { data, dtype: 'int32', shape: [1], strides: [1], offset: 0 }, 'neg')).toThrow(
      "cpu: neg: view dtype int32 does not match its buffer's dtype float32",
    );
  });

  it('checkDType names the backend and the dtype', () => {
    expect(() => checkDType('cpu', 'float16' as DType, 'upload')).toThrow(DTypeError);
    expect(() => checkDType('cpu', 'float16' as DType, 'upload')).toThrow("cpu: upload: unsupported dtype 'float16'");
    expect(() => checkDType('cpu', 'bool', 'upload')).not.toThrow();
  });
});
