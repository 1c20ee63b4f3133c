import { describe, expect, it } from 'vitest';
import { HOST_IS_LITTLE_ENDIAN, bytesOf, copySwappingToLittleEndian } from './byte-order.js';

describe('copySwappingToLittleEndian', () => {
  it('knows this host is little-endian (every platform Node runs on today)', () => {
    expect(HOST_IS_LITTLE_ENDIAN).toBe(true);
  });

  it('copies bytes unchanged on a little-endian host', () => {
    const out = new Uint8Array(6);
    copySwappingToLittleEndian(new Uint8Array([1, 2, 3, 4]), out, 1, 4, true);
    expect([...out]).toEqual([0, 1, 2, 3, 4, 0]);
  });

  it('reverses each element on a big-endian host', () => {
    const out = new Uint8Array(8);
    copySwappingToLittleEndian(new Uint8Array([1, 2, 3, 4, 5, 6]), out, 2, 2, false);
    expect([...out]).toEqual([0, 0, 2, 1, 4, 3, 6, 5]);
  });

  it('views the bytes of a typed array that sits at an offset', () => {
    const backing = new Float32Array([1, 2, 3]);
    const view = bytesOf(new Float32Array(backing.buffer, 4, 1));
    expect([...view]).toEqual([0, 0, 0, 64]);
  });
});
