import {
  ShapeError,
  ValueError,
  allocArray,
  assertValidShape,
  dtypeOfArray,
  formatShape,
  sizeOf,
  type Backend,
  type DType,
  type TypedArray,
} from '@nnkit/core';
import { getBackend } from '../backend-registry.js';
import { checkDType, fromKernel } from '../dispatch.js';
import type { Tensor } from '../tensor.js';

/** Options every creation function takes. */
export interface CreationOptions {
  /** Element type; see each function for its default. */
  readonly dtype?: DType;
  /** Backend to create on (default: `getBackend()`). */
  readonly backend?: Backend;
  /** Record ops on this tensor for autograd (float dtypes only). */
  readonly requiresGrad?: boolean;
}

/** Nested arrays of numbers/booleans, as `tensor()` takes them. */
export type NestedInput = number | boolean | readonly NestedInput[];

function isTypedArray(v: unknown): v is TypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

function flatten(values: NestedInput, shape: number[], out: (number | boolean)[], depth: number): void {
  if (!Array.isArray(values)) {
    if (depth !== shape.length) throw new ShapeError(`tensor: ragged nested array (a scalar at depth ${depth}, expected depth ${shape.length})`);
    out.push(values as number | boolean);
    return;
  }
  if (depth === shape.length) {
    if (out.length > 0) throw new ShapeError(`tensor: ragged nested array (an array at depth ${depth})`);
    shape.push(values.length);
  } else if (shape[depth] !== values.length) {
    throw new ShapeError(`tensor: ragged nested array (length ${values.length} at depth ${depth}, expected ${shape[depth]})`);
  }
  for (const v of values as readonly NestedInput[]) flatten(v, shape, out, depth + 1);
  if (values.length === 0 && depth === shape.length - 1) return;
}

function inferDType(values: readonly (number | boolean)[]): DType {
  if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return 'bool';
  return values.every((v) => typeof v === 'number' && Number.isInteger(v)) && values.length > 0 ? 'int32' : 'float32';
}

/** Creates a tensor from raw values on `backend`, with every check done. */
export function fromValues(values: TypedArray | readonly number[], shape: readonly number[], dtype: DType, opts: CreationOptions, op: string): Tensor {
  const backend = opts.backend ?? getBackend();
  checkDType(backend, dtype, op);
  const t = fromKernel(backend, backend.upload(values, dtype), shape, dtype);
  if (opts.requiresGrad) t.requiresGrad = true;
  return t;
}

/**
 * A tensor from nested arrays or a typed array. Numbers that are all integers give int32,
 * other numbers float32, booleans bool, a typed array its own dtype — as PyTorch infers.
 *
 * @example
 * tensor([[1, 2], [3, 4]], { dtype: 'float32' });
 * tensor(new Float32Array(6), { shape: [2, 3] });
 */
export function tensor(values: NestedInput | TypedArray, opts: CreationOptions & { readonly shape?: readonly number[] } = {}): Tensor {
  if (isTypedArray(values)) {
    const shape = opts.shape ?? [values.length];
    assertValidShape(shape, 'tensor');
    if (sizeOf(shape) !== values.length) {
      throw new ShapeError(`tensor: ${values.length} values do not fill shape ${formatShape(shape)} (${sizeOf(shape)} elements)`);
    }
    return fromValues(values, shape, opts.dtype ?? dtypeOfArray(values), opts, 'tensor');
  }
  const shape: number[] = [];
  const flat: (number | boolean)[] = [];
  flatten(values, shape, flat, 0);
  for (const v of flat) {
    if (typeof v !== 'number' && typeof v !== 'boolean') throw new ValueError(`tensor: expected numbers or booleans, got ${typeof v}`);
  }
  let finalShape: readonly number[] = shape;
  if (opts.shape) {
    assertValidShape(opts.shape, 'tensor');
    if (sizeOf(opts.shape) !== flat.length) {
      throw new ShapeError(`tensor: ${flat.length} values do not fill shape ${formatShape(opts.shape)} (${sizeOf(opts.shape)} elements)`);
    }
    finalShape = opts.shape;
  }
  return fromValues(flat.map(Number), finalShape, opts.dtype ?? inferDType(flat), opts, 'tensor');
}

/** A tensor of `shape` filled with `value` (dtype default float32). */
export function full(shape: readonly number[], value: number, opts: CreationOptions = {}): Tensor {
  assertValidShape(shape, 'full');
  const backend = opts.backend ?? getBackend();
  const dtype = opts.dtype ?? 'float32';
  checkDType(backend, dtype, 'full');
  const t = fromKernel(backend, backend.full(sizeOf(shape), value, dtype), shape, dtype);
  if (opts.requiresGrad) t.requiresGrad = true;
  return t;
}

/** Zeros of `shape` (float32 unless told). */
export function zeros(shape: readonly number[], opts: CreationOptions = {}): Tensor {
  return full(shape, 0, opts);
}

/** Ones of `shape` (float32 unless told). */
export function ones(shape: readonly number[], opts: CreationOptions = {}): Tensor {
  return full(shape, 1, opts);
}

/** `value` in the shape, dtype and backend of `t`. */
export function fullLike(t: Tensor, value: number, opts: CreationOptions = {}): Tensor {
  return full(t.shape, value, { dtype: t.dtype, backend: t.backend, ...opts });
}

/** Zeros in the shape, dtype and backend of `t`. */
export function zerosLike(t: Tensor, opts: CreationOptions = {}): Tensor {
  return fullLike(t, 0, opts);
}

/** Ones in the shape, dtype and backend of `t`. */
export function onesLike(t: Tensor, opts: CreationOptions = {}): Tensor {
  return fullLike(t, 1, opts);
}

/**
 * Values from `start` up to (not including) `end` by `step`; `arange(5)` is 0..4. Integer
 * arguments give int32, others float32.
 */
export function arange(start: number, end?: number, step = 1, opts: CreationOptions = {}): Tensor {
  if (end === undefined) [start, end] = [0, start];
  if (step === 0 || !Number.isFinite(step)) throw new ValueError(`arange: step must be a non-zero finite number, got ${step}`);
  const n = Math.max(0, Math.ceil((end - start) / step));
  const dtype = opts.dtype ?? ([start, end, step].every(Number.isInteger) ? 'int32' : 'float32');
  const values = allocArray('float64', n);
  for (let i = 0; i < n; i++) values[i] = start + i * step;
  return fromValues(values, [n], dtype, opts, 'arange');
}

/** `steps` evenly spaced values from `start` to `end` inclusive (float32 unless told). */
export function linspace(start: number, end: number, steps: number, opts: CreationOptions = {}): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw new ValueError(`linspace: steps must be a non-negative integer, got ${steps}`);
  const values = allocArray('float64', steps);
  const delta = steps > 1 ? (end - start) / (steps - 1) : 0;
  for (let i = 0; i < steps; i++) values[i] = i === steps - 1 && steps > 1 ? end : start + i * delta;
  return fromValues(values, [steps], opts.dtype ?? 'float32', opts, 'linspace');
}

/** The `n × m` identity matrix (m defaults to n; float32 unless told). */
export function eye(n: number, m = n, opts: CreationOptions = {}): Tensor {
  assertValidShape([n, m], 'eye');
  const values = allocArray('float64', n * m);
  for (let i = 0; i < Math.min(n, m); i++) values[i * m + i] = 1;
  return fromValues(values, [n, m], opts.dtype ?? 'float32', opts, 'eye');
}
