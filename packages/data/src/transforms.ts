import { Generator, ShapeError, ValueError } from '@nnkit/core';
import { HostArray } from './host-array.js';

/**
 * Per-sample transforms. They work on one sample's plain typed array (not on tensors, not on
 * batches) and never write into their input, which may be a view over a whole dataset's
 * memory (MNIST images are). Attach them with `mapDataset` or inside your own `get`.
 */

/** A function from one sample (or field) to its transformed version. */
export type Transform<I, O> = (input: I) => O;

/** Typed arrays of plain numbers, what the numeric transforms accept. */
export type NumericArray = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint16Array | Uint8Array | Uint8ClampedArray;

/** A transform that keeps float64 input in float64 and turns everything else into float32. */
export interface FloatTransform {
  (input: Float64Array): Float64Array;
  (input: NumericArray): Float32Array;
}

/**
 * Chains transforms left to right: `compose(f, g)(x) === g(f(x))`.
 *
 * @example
 * const prep = compose(toFloat, normalize(0.1307, 0.3081)); // Uint8Array → Float32Array
 */
export function compose<A, B>(f: Transform<A, B>): Transform<A, B>;
export function compose<A, B, C>(f: Transform<A, B>, g: Transform<B, C>): Transform<A, C>;
export function compose<A, B, C, D>(f: Transform<A, B>, g: Transform<B, C>, h: Transform<C, D>): Transform<A, D>;
export function compose<A, B, C, D, E>(f: Transform<A, B>, g: Transform<B, C>, h: Transform<C, D>, k: Transform<D, E>): Transform<A, E>;
export function compose(...fns: Transform<unknown, unknown>[]): Transform<unknown, unknown>;
export function compose(...fns: Transform<unknown, unknown>[]): Transform<unknown, unknown> {
  for (const f of fns) if (typeof f !== 'function') throw new ValueError(`compose: every transform must be a function, got ${typeof f}`);
  return (x) => fns.reduce((acc, f) => f(acc), x);
}

/**
 * Pixel bytes to floats in [0, 1]: `x / 255`, into a new Float32Array.
 *
 * @example toFloat(Uint8Array.of(0, 255)) // Float32Array [0, 1]
 */
export function toFloat(input: Uint8Array | Uint8ClampedArray): Float32Array {
  if (!(input instanceof Uint8Array || input instanceof Uint8ClampedArray)) {
    throw new ValueError(`toFloat: expects a Uint8Array of pixel bytes, got ${describe(input)}`);
  }
  const out = new Float32Array(input.length);
  for (let i = 0; i < input.length; i++) out[i] = input[i] / 255;
  return out;
}

/**
 * `(x - mean) / std`, with one mean/std for all values or one per channel. Per-channel values
 * assume channel-first layout: the array is `channels` equal blocks, block `c` uses `mean[c]`.
 *
 * @example
 * normalize(0.1307, 0.3081);                         // MNIST's usual statistics
 * normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]); // 3 × H × W images
 */
export function normalize(mean: number | readonly number[], std: number | readonly number[]): FloatTransform {
  const means = typeof mean === 'number' ? [mean] : [...mean];
  const stds = typeof std === 'number' ? [std] : [...std];
  const channels = Math.max(means.length, stds.length);
  if (means.length === 0 || (means.length !== 1 && means.length !== channels) || (stds.length !== 1 && stds.length !== channels)) {
    throw new ValueError(`normalize: mean (${means.length} values) and std (${stds.length} values) must have one value or one per channel`);
  }
  if (means.some((m) => !Number.isFinite(m)) || stds.some((s) => !Number.isFinite(s) || s === 0)) {
    throw new ValueError(`normalize: means must be finite and stds finite and non-zero, got mean ${means} and std ${stds}`);
  }
  return ((input: NumericArray) => {
    if (input.length % channels !== 0) {
      throw new ShapeError(`normalize: ${channels} channels do not divide a sample of ${input.length} values`);
    }
    const out = floatLike(input, 'normalize');
    const block = input.length / channels;
    for (let c = 0; c < channels; c++) {
      const m = means[means.length === 1 ? 0 : c];
      const s = stds[stds.length === 1 ? 0 : c];
      for (let i = c * block; i < (c + 1) * block; i++) out[i] = (input[i] - m) / s;
    }
    return out;
  }) as FloatTransform;
}

/**
 * Adds Gaussian noise of standard deviation `std`, drawn from `generator`, so a seeded
 * generator gives the same noise every run (as long as samples are visited in the same order).
 *
 * @example const jitter = randomNoise(0.05, new Generator(1));
 */
export function randomNoise(std: number, generator: Generator): FloatTransform {
  if (!Number.isFinite(std) || std < 0) throw new ValueError(`randomNoise: std must be a non-negative number, got ${std}`);
  if (!(generator instanceof Generator)) throw new ValueError('randomNoise: needs a Generator from @nnkit/core');
  return ((input: NumericArray) => {
    const out = floatLike(input, 'randomNoise');
    for (let i = 0; i < input.length; i++) out[i] = input[i] + std * generator.nextNormal();
    return out;
  }) as FloatTransform;
}

/** Nested arrays of numbers, as a sample may come from JSON. */
export type NestedNumbers = number | readonly NestedNumbers[];

/**
 * One flat array of a sample's values in row-major order: a `HostArray`'s data (a view), a
 * typed array itself, or nested number arrays copied into a new Float32Array.
 *
 * @example flatten([[1, 2], [3, 4]]) // Float32Array [1, 2, 3, 4]
 */
export function flatten<A extends NumericArray>(input: A): A;
export function flatten(input: HostArray): HostArray['data'];
export function flatten(input: readonly NestedNumbers[]): Float32Array;
export function flatten(input: NumericArray | HostArray | readonly NestedNumbers[]): NumericArray {
  if (input instanceof HostArray) return input.data;
  if (ArrayBuffer.isView(input)) return input;
  if (!Array.isArray(input)) throw new ValueError(`flatten: expects a typed array, a HostArray or nested arrays, got ${describe(input)}`);
  const values: number[] = [];
  const walk = (x: NestedNumbers): void => {
    if (typeof x === 'number') values.push(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else throw new ValueError(`flatten: nested arrays must hold only numbers, found ${describe(x)}`);
  };
  walk(input);
  return Float32Array.from(values);
}

/**
 * Gives a flat float or int32 array a shape, so that it batches to `[B, ...shape]`.
 *
 * @example compose(toFloat, reshape([1, 28, 28])) // MNIST image → HostArray [1, 28, 28]
 */
export function reshape(shape: readonly number[]): Transform<Float32Array | Float64Array | Int32Array, HostArray> {
  const dims = [...shape];
  return (input) => new HostArray(input, dims);
}

function floatLike(input: NumericArray, op: string): Float32Array | Float64Array {
  if (!ArrayBuffer.isView(input) || input instanceof DataView) throw new ValueError(`${op}: expects a typed array, got ${describe(input)}`);
  return input instanceof Float64Array ? new Float64Array(input.length) : new Float32Array(input.length);
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return `${typeof value} ${String(value)}`;
  return `a ${(value as object).constructor?.name ?? 'object'}`;
}
