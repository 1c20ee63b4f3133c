import { describe, expect, it } from 'vitest';
import { BufferPool } from './buffer-pool.js';

describe('BufferPool', () => {
  it('hands a given array out again for the same dtype and length, zero-filled', () => {
    const pool = new BufferPool();
    const a = pool.take('float32', 8) as Float32Array;
    a.fill(3);
    pool.give('float32', a);
    expect(pool.bytes).toBe(32);
    expect(pool.take('float64', 4)).not.toBe(a);
    expect(pool.take('float32', 7)).not.toBe(a);
    const b = pool.take('float32', 8);
    expect(b).toBe(a);
    expect(Array.from(b)).toEqual(new Array(8).fill(0));
    expect(pool.bytes).toBe(0);
  });

  it('keeps nothing that is a window onto a larger buffer, or empty', () => {
    const pool = new BufferPool();
    const whole = new Float32Array(16);
    pool.give('float32', whole.subarray(0, 8));
    pool.give('float32', whole.subarray(8));
    pool.give('float32', new Float32Array(0));
    expect(pool.bytes).toBe(0);
  });

  it('stays within its byte budget and its count per size', () => {
    const pool = new BufferPool(100, 2);
    for (let i = 0; i < 5; i++) pool.give('int32', new Int32Array(4));
    expect(pool.bytes).toBe(32); // two of one size
    pool.give('float64', new Float64Array(8)); // 64 more bytes: 96 ≤ 100
    pool.give('bool', new Uint8Array(8)); // 104 > 100: dropped
    expect(pool.bytes).toBe(96);
    pool.clear();
    expect(pool.bytes).toBe(0);
  });
});
