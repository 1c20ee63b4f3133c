import { BackendError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { CpuBuffer, CpuStorage } from './storage.js';

describe('CpuStorage', () => {
  it('counts live buffers and bytes per dtype and returns to zero', () => {
    const s = new CpuStorage('cpu');
    const a = s.alloc('float32', 4);
    const b = s.alloc('float64', 3);
    const c = s.alloc('int32', 2);
    const d = s.alloc('bool', 5);
    expect(s.memory()).toEqual({ buffers: 4, bytes: 16 + 24 + 8 + 5 });
    expect(a).toBeInstanceOf(CpuBuffer);
    expect([a.size, a.dtype, d.size, d.dtype]).toEqual([4, 'float32', 5, 'bool']);
    for (const h of [a, b, c, d]) s.release(h);
    expect(s.memory()).toEqual({ buffers: 0, bytes: 0 });
  });

  it('gives a released array to the output pool, which hands it out again zeroed', () => {
    const s = new CpuStorage('cpu');
    const h = s.alloc('float32', 1234);
    const array = s.array(h, 'test');
    array.fill(5);
    s.release(h);
    const again = s.alloc('float32', 1234);
    expect(s.array(again, 'test')).toBe(array);
    expect(array.every((v) => v === 0)).toBe(true);
    s.release(again);
  });

  it('adopts an array without copying it', () => {
    const s = new CpuStorage('cpu');
    const arr = new Int32Array([1, 2]);
    const h = s.adopt(arr, 'int32');
    expect(s.array(h, 'test')).toBe(arr);
    s.release(h);
  });

  it('throws BackendError on a double release or use after release', () => {
    const s = new CpuStorage('cpu');
    const h = s.alloc('float32', 1);
    s.release(h);
    expect(() => s.release(h)).toThrow(BackendError);
    expect(() => s.release(h)).toThrow('cpu: release: the buffer was already released');
    expect(() => s.array(h, 'unary exp')).toThrow('cpu: unary exp: the buffer was already released');
    expect(s.memory()).toEqual({ buffers: 0, bytes: 0 });
  });

  it('rejects handles it did not make', () => {
    const s = new CpuStorage('mine');
    const other = new CpuStorage('theirs').alloc('float32', 1);
    expect(() => s.array(other, 'copy')).toThrow(BackendError);
    expect(() => s.release(other)).toThrow('mine: release: the buffer was not created by this backend');
    expect(() => s.array({ size: 1, dtype: 'float32' }, 'copy')).toThrow('not created by this backend');
  });

  it('releaseAll frees every buffer at once and leaves the storage usable', () => {
    const s = new CpuStorage('cpu');
    const a = s.alloc('float64', 2);
    s.alloc('int32', 2);
    s.releaseAll();
    expect(s.memory()).toEqual({ buffers: 0, bytes: 0 });
    expect(() => s.array(a, 'read')).toThrow('already released');
    expect(() => s.release(a)).toThrow(BackendError);
    const b = s.alloc('float32', 1);
    expect(s.memory()).toEqual({ buffers: 1, bytes: 4 });
    s.release(b);
  });
});
