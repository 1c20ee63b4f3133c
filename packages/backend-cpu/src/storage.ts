import { BackendError, bytesPerElement } from '@nnkit/core';
import type { BackendMemory, DType, DataHandle, TypedArray } from '@nnkit/core';
import { outputPool, takeArray } from './buffer-pool.js';

/**
 * One buffer of the CPU backend: the `DataHandle` a caller holds, wrapping the typed array that
 * stores the elements. Only the `CpuStorage` that made it may read or free it.
 */
export class CpuBuffer implements DataHandle {
  readonly size: number;
  /** Null once released; the storage turns that into a `BackendError` instead of a crash. */
  array: TypedArray | null;

  constructor(
    readonly owner: CpuStorage,
    array: TypedArray,
    readonly dtype: DType,
    readonly epoch: number,
  ) {
    this.array = array;
    this.size = array.length;
  }
}

/**
 * The buffers of one CPU backend, with the live count `memory()` reports. Buffers are not kept
 * in a set: a buffer the caller forgets is still garbage-collected, it just stays counted.
 *
 * @example
 * const s = new CpuStorage('cpu');
 * const h = s.adopt(new Float32Array(4), 'float32');
 * s.memory(); // { buffers: 1, bytes: 16 }
 * s.release(h, 'release');
 */
export class CpuStorage {
  private buffers = 0;
  private bytes = 0;
  /** Bumped by `releaseAll`, which invalidates every older buffer at once. */
  private epoch = 0;

  constructor(readonly name: string) {}

  /** Wraps `array` (not copied) as a new live buffer of `dtype`. */
  adopt(array: TypedArray, dtype: DType): CpuBuffer {
    this.buffers++;
    this.bytes += array.length * bytesPerElement(dtype);
    return new CpuBuffer(this, array, dtype, this.epoch);
  }

  /** A new zero-filled buffer. */
  alloc(dtype: DType, size: number): CpuBuffer {
    return this.adopt(takeArray(dtype, size), dtype);
  }

  /** The elements behind `handle`, or a `BackendError` when it is foreign or released. */
  array(handle: DataHandle, op: string): TypedArray {
    return this.live(handle, op).array as TypedArray;
  }

  /** Frees `handle`, its array going back to the output pool for reuse; a second release throws. */
  release(handle: DataHandle, op = 'release'): void {
    const buf = this.live(handle, op);
    outputPool.give(buf.dtype, buf.array as TypedArray);
    buf.array = null;
    this.buffers--;
    this.bytes -= buf.size * bytesPerElement(buf.dtype);
  }

  /** Frees every live buffer at once (they all become released). */
  releaseAll(): void {
    this.epoch++;
    this.buffers = 0;
    this.bytes = 0;
  }

  memory(): BackendMemory {
    return { buffers: this.buffers, bytes: this.bytes };
  }

  private live(handle: DataHandle, op: string): CpuBuffer {
    if (!(handle instanceof CpuBuffer) || handle.owner !== this) {
      throw new BackendError(`${this.name}: ${op}: the buffer was not created by this backend`);
    }
    if (handle.array === null || handle.epoch !== this.epoch) {
      throw new BackendError(`${this.name}: ${op}: the buffer was already released`);
    }
    return handle;
  }
}
