import { type DType, type TypedArray, ValueError } from '@nnkit/core';
import type { GpuContext } from '../context.js';
import { type KernelSpec, MAX_ELEMENTS } from '../device.js';
import type { Version } from '../version.js';

/** Largest integer float32 holds exactly: int32 values beyond it would silently round. */
export const INT_EXACT = 2 ** 24;

/**
 * Converts host values to the float32 the device stores, as a typed array of `dtype` would,
 * except that bool stores `x ≠ 0` (NaN is true), as the CPU backend does.
 */
export function toDeviceValues(ctx: GpuContext, values: ArrayLike<number>, dtype: DType, op: string): Float32Array {
  if (dtype === 'float32') return Float32Array.from(values);
  const out = new Float32Array(values.length);
  if (dtype === 'bool') {
    for (let i = 0; i < values.length; i++) out[i] = values[i] === 0 ? 0 : 1;
    return out;
  }
  const typed = Int32Array.from(values);
  for (let i = 0; i < typed.length; i++) {
    const v = typed[i];
    if (v > INT_EXACT || v < -INT_EXACT) {
      throw new ValueError(`${ctx.name}: ${op}: int32 value ${v} (index ${i}) is outside ±${INT_EXACT}, where this backend's float32 storage stays exact`);
    }
    out[i] = v;
  }
  return out;
}

/** The kernel that writes one scalar argument everywhere. */
export const FILL: KernelSpec = { key: 'full', source: () => 'function (v) { return v; }', dynamic: true };

/** Uploads host values into a new device buffer. */
export function upload(ctx: GpuContext, values: TypedArray | readonly number[], dtype: DType): Version {
  const host = toDeviceValues(ctx, values, ctx.dtype(dtype, 'upload'), 'upload');
  return ctx.device.run({ key: 'upload', source: () => 'function (x) { return x[this.thread.x]; }', dynamic: true }, host.length, [host]);
}

/** A new device buffer of `size` copies of `value`. */
export function full(ctx: GpuContext, size: number, value: number, dtype: DType): Version {
  ctx.dtype(dtype, 'full');
  if (!Number.isInteger(size) || size < 0 || size > MAX_ELEMENTS) {
    throw new ValueError(`${ctx.name}: full: size ${size} must be an integer in 0..${MAX_ELEMENTS}`);
  }
  const v = toDeviceValues(ctx, [value], dtype, 'full')[0];
  return ctx.device.run(FILL, size, [v]);
}
