import { allocArray, bytesPerElement, type DType, type TypedArray } from '@nnkit/core';

/**
 * Released typed arrays, kept for reuse. Making a typed array costs V8 about 10–250 µs (a
 * zeroed off-heap store, and garbage-collector pressure that grows with it); refilling a kept
 * one with zeros costs 1–6 µs. A training step frees what the previous one allocated, so after
 * the first step its buffers come from here. Bounded: at most `maxBytes` in all and `perSize`
 * arrays of one dtype and length; anything beyond is left to the garbage collector.
 *
 * @example
 * const pool = new BufferPool();
 * const a = pool.take('float32', 1024); // new, zero-filled
 * pool.give('float32', a);
 * pool.take('float32', 1024) === a;     // true, zero-filled again
 */
export class BufferPool {
  private readonly free = new Map<string, TypedArray[]>();
  private kept = 0;

  constructor(
    readonly maxBytes = 64 * 2 ** 20,
    readonly perSize = 16,
  ) {}

  /** A zero-filled array of `size` elements of `dtype`: a kept one when there is one. */
  take(dtype: DType, size: number): TypedArray {
    const array = this.free.get(`${dtype}:${size}`)?.pop();
    if (array === undefined) return allocArray(dtype, size);
    this.kept -= array.byteLength;
    return array.fill(0);
  }

  /**
   * Keeps `array` for a later `take` of its dtype and length, unless the pool is full or the
   * array is a window onto a larger buffer (that buffer is not the caller's to give).
   */
  give(dtype: DType, array: TypedArray): void {
    const bytes = array.byteLength;
    if (bytes === 0 || array.byteOffset !== 0 || bytes !== array.buffer.byteLength || array.length * bytesPerElement(dtype) !== bytes) return;
    if (this.kept + bytes > this.maxBytes) return;
    const key = `${dtype}:${array.length}`;
    const list = this.free.get(key) ?? [];
    if (list.length >= this.perSize) return;
    list.push(array);
    this.free.set(key, list);
    this.kept += bytes;
  }

  /** Bytes kept for reuse right now. */
  get bytes(): number {
    return this.kept;
  }

  /** Drops every kept array. */
  clear(): void {
    this.free.clear();
    this.kept = 0;
  }
}

/** The pool every CPU backend's kernels draw their outputs from and return them to. */
export const outputPool = new BufferPool();

/** A zero-filled output array of `size` elements of `dtype`, recycled when possible. */
export function takeArray(dtype: DType, size: number): TypedArray {
  return outputPool.take(dtype, size);
}
