import { contiguousStrides, type DataHandle, type DType, isClose, sizeOf, type Tolerance, type View } from '@nnkit/core';
import type { GpuBackend } from '../create-gpu-backend.js';

/*
 * A tiny, framework-free harness so that the same kernel checks run under vitest in Node and
 * inside a browser page (bundled with esbuild). A check throws on failure.
 */

/** One named check of the backend's kernels. */
export interface KernelCheck {
  readonly name: string;
  run(b: GpuBackend): Promise<void>;
}

/** Declares a check. */
export function check(name: string, run: (b: GpuBackend) => Promise<void>): KernelCheck {
  return { name, run };
}

/** A view over a whole buffer, or a strided window onto it. */
export function view(data: DataHandle, shape: number[], strides = contiguousStrides(shape), offset = 0, dtype: DType = data.dtype): View {
  return { data, dtype, shape, strides, offset };
}

/** Uploads values and returns a contiguous view of `shape`. */
export function tensor(b: GpuBackend, values: readonly number[], shape: number[] = [values.length], dtype: DType = 'float32'): View {
  if (sizeOf(shape) !== values.length) throw new Error(`tensor: ${values.length} values do not fill shape [${shape}]`);
  return view(b.upload(values, dtype), shape);
}

/** Reads a buffer as plain numbers. */
export async function values(b: GpuBackend, data: DataHandle): Promise<number[]> {
  return Array.from(await b.read(data));
}

/** Fails unless `got` matches `want` within `tol` (NaN matches NaN, infinities by sign). */
export function expectClose(got: ArrayLike<number>, want: readonly number[], tol: Tolerance, what = 'values'): void {
  if (got.length !== want.length) throw new Error(`${what}: got ${got.length} values, want ${want.length}`);
  for (let i = 0; i < want.length; i++) {
    if (!isClose(got[i], want[i], tol)) throw new Error(`${what}[${i}]: got ${got[i]}, want ${want[i]} (got [${Array.from(got).join(', ')}])`);
  }
}

/** Fails unless every element is exactly equal (NaN matches NaN; -0 equals 0). */
export function expectEqual(got: ArrayLike<number>, want: readonly number[], what = 'values'): void {
  expectClose(got, want, { rtol: 0, atol: 0 }, what);
}

/** Reads `data` and compares it with `want` within the backend's declared tolerance. */
export async function expectData(b: GpuBackend, data: DataHandle, want: readonly number[], what?: string): Promise<void> {
  expectClose(await b.read(data), want, b.capabilities.tolerance, what);
}

/** Fails unless `fn` throws an error of class `type` whose message contains every `parts`. */
export function expectThrows(fn: () => unknown, type: abstract new (...args: never[]) => Error, ...parts: string[]): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (!(thrown instanceof type)) throw new Error(`expected ${type.name}, got ${thrown === undefined ? 'no error' : String(thrown)}`);
  for (const p of parts) {
    if (!thrown.message.includes(p)) throw new Error(`expected "${p}" in the message "${thrown.message}"`);
  }
}

/** Same as `expectThrows` for a promise. */
export async function expectRejects(p: Promise<unknown>, type: abstract new (...args: never[]) => Error, ...parts: string[]): Promise<void> {
  let thrown: unknown;
  try {
    await p;
  } catch (e) {
    thrown = e;
  }
  expectThrows(() => {
    if (thrown !== undefined) throw thrown;
  }, type, ...parts);
}

/** Fails unless `cond`. */
export function expectTrue(cond: boolean, what: string): void {
  if (!cond) throw new Error(what);
}
