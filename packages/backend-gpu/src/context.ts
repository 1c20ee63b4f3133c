import { BackendError, type DataHandle, type DType, DTypeError, formatShape, ValueError, type View } from '@nnkit/core';
import type { Device } from './device.js';
import { GpuBuffer } from './gpu-buffer.js';
import type { Version } from './version.js';

/** The dtypes every mode stores (all as float32 on the device; int32 exact within ±2^24). */
export const GPU_DTYPES: readonly DType[] = ['float32', 'int32', 'bool'];

/**
 * What the kernels share: the device, the backend's name for messages, and the checks every
 * input goes through (ownership, release, dtype, bounds).
 */
export class GpuContext {
  private live = 0;
  private liveBytes = 0;

  constructor(
    readonly name: string,
    readonly device: Device,
  ) {}

  /** Throws `DTypeError` naming the backend and the dtype unless this backend stores it. */
  dtype(dtype: DType, op: string): DType {
    if (!GPU_DTYPES.includes(dtype)) {
      throw new DTypeError(`${this.name}: ${op}: dtype ${String(dtype)} is not supported (this backend computes in float32; it stores ${GPU_DTYPES.join(', ')})`);
    }
    return dtype;
  }

  /** The buffer behind a handle, if this backend made it and it is still live. */
  buffer(data: DataHandle, op: string): GpuBuffer {
    if (!(data instanceof GpuBuffer) || data.owner !== this) {
      throw new BackendError(`${this.name}: ${op}: the buffer belongs to another backend`);
    }
    if (data.released) throw new BackendError(`${this.name}: ${op}: the buffer was already released`);
    return data;
  }

  /** Checks a view (owner, dtype, layout, bounds) and returns the buffer version it reads. */
  input(view: View, op: string): Version {
    const buf = this.buffer(view.data, op);
    this.dtype(view.dtype, op);
    if (view.dtype !== buf.dtype) {
      throw new DTypeError(`${this.name}: ${op}: view dtype ${view.dtype} does not match its buffer's ${buf.dtype}`);
    }
    checkLayout(view, op);
    return buf.version;
  }

  /** Wraps a new version as a live buffer and counts it. */
  wrap(size: number, dtype: DType, version: Version): GpuBuffer {
    this.live++;
    this.liveBytes += size * 4;
    return new GpuBuffer(this, size, dtype, version);
  }

  /** Releases a buffer: its current version dies once queued work no longer needs it. */
  release(data: DataHandle): void {
    const buf = this.buffer(data, 'release');
    buf.released = true;
    buf.version.kill();
    this.live--;
    this.liveBytes -= buf.size * 4;
  }

  memory(): { buffers: number; bytes: number } {
    return { buffers: this.live, bytes: this.liveBytes };
  }
}

function checkLayout(view: View, op: string): void {
  const { shape, strides, offset } = view;
  if (strides.length !== shape.length) {
    throw new ValueError(`${op}: view of shape ${formatShape(shape)} has ${strides.length} strides`);
  }
  if (!Number.isInteger(offset) || offset < 0) throw new ValueError(`${op}: view offset ${offset} must be a non-negative integer`);
  let last = offset;
  let empty = false;
  for (let k = 0; k < shape.length; k++) {
    if (!Number.isInteger(shape[k]) || shape[k] < 0) throw new ValueError(`${op}: invalid view shape ${formatShape(shape)}`);
    if (!Number.isInteger(strides[k]) || strides[k] < 0) {
      throw new ValueError(`${op}: view strides [${strides.join(',')}] must be non-negative integers`);
    }
    if (shape[k] === 0) empty = true;
    else last += (shape[k] - 1) * strides[k];
  }
  if (!empty && last >= view.data.size) {
    throw new ValueError(
      `${op}: view (shape ${formatShape(shape)}, strides [${strides.join(',')}], offset ${offset}) reaches element ${last} of a buffer of ${view.data.size}`,
    );
  }
}
