import { DTypeError, ShapeError, ValueError, formatShape, type DType, type TypedArray } from '@nnkit/core';
import { HostArray } from './host-array.js';

/**
 * A batch as plain data, before any tensor exists: what `collateHost` builds and what the
 * default collate turns into tensors (each `array` node becomes one tensor).
 */
export type HostNode =
  | { readonly kind: 'array'; readonly data: TypedArray; readonly shape: number[]; readonly dtype: DType }
  | { readonly kind: 'list'; readonly items: HostNode[] }
  | { readonly kind: 'record'; readonly entries: [string, HostNode][] }
  | { readonly kind: 'strings'; readonly values: string[] }
  | { readonly kind: 'value'; readonly value: unknown };

/** The dtype that integer-valued samples (numbers, small integer arrays, uint8 bytes) batch to. */
export type IntegerBatchDType = 'int32' | 'float32';

/** How `collateHost` (and so the default collate) turns samples into arrays. */
export interface CollateOptions {
  /** dtype for JS numbers (default `'int32'`; a non-integer number is then an error, not a truncation). */
  readonly numbers?: IntegerBatchDType;
  /** dtype for Uint8Array / Uint8ClampedArray samples such as raw pixels (default `'int32'`, values unchanged). */
  readonly uint8?: IntegerBatchDType;
  /**
   * Called for a field it does not know (all samples' values at `path`); returning something
   * other than `undefined` makes it a `value` node. The default collate uses it to stack tensors.
   */
  readonly leaf?: (values: unknown[], path: string) => unknown;
}

type ArrayCtor = new (length: number) => TypedArray;

/**
 * Batches samples into a `HostNode` tree, recursively, like PyTorch's `default_collate`:
 * numbers → `[B]` int32; booleans → `[B]` bool; typed arrays of one length `n` → `[B, n]`;
 * `HostArray`s of one shape `s` → `[B, ...s]`; strings → a list; arrays and tuples → a list
 * of batched columns; plain objects → an object of batched fields. Typed-array dtypes:
 * Float32Array → float32, Float64Array → float64, Int32Array / Int16Array / Int8Array /
 * Uint16Array → int32, Uint8Array → `options.uint8`.
 *
 * @throws ValueError / ShapeError / DTypeError naming the field path and sample that disagree.
 * @example
 * collateHost([{ x: Float32Array.of(1, 2), y: 3 }, { x: Float32Array.of(4, 5), y: 6 }]);
 * // { kind: 'record', entries: [['x', array [2,2] float32], ['y', array [2] int32]] }
 */
export function collateHost(samples: readonly unknown[], options: CollateOptions = {}): HostNode {
  if (samples.length === 0) throw new ValueError('collate: cannot batch zero samples');
  return collateAt(samples, '', options);
}

function collateAt(values: readonly unknown[], path: string, options: CollateOptions): HostNode {
  const first = values[0];
  if (typeof first === 'number') return numbers(values, path, options.numbers ?? 'int32');
  if (typeof first === 'boolean') {
    const data = new Uint8Array(values.length);
    values.forEach((v, i) => (data[i] = same(typeof v === 'boolean', path, i, 'a boolean', v) && v ? 1 : 0));
    return { kind: 'array', data, shape: [values.length], dtype: 'bool' };
  }
  if (typeof first === 'string') {
    values.forEach((v, i) => same(typeof v === 'string', path, i, 'a string', v));
    return { kind: 'strings', values: values as string[] };
  }
  if (first instanceof HostArray) return hostArrays(values, path);
  if (ArrayBuffer.isView(first) && !(first instanceof DataView)) return typedArrays(values, path, options);
  if (Array.isArray(first)) {
    const n = first.length;
    values.forEach((v, i) => same(Array.isArray(v) && v.length === n, path, i, `an array of length ${n}`, v));
    const items = Array.from({ length: n }, (_, j) => collateAt(values.map((v) => (v as unknown[])[j]), `${path}[${j}]`, options));
    return { kind: 'list', items };
  }
  if (isPlainObject(first)) {
    const keys = Object.keys(first);
    const signature = keys.join(',');
    values.forEach((v, i) => same(isPlainObject(v) && Object.keys(v).join(',') === signature, path, i, `an object with keys {${signature}}`, v));
    const entries = keys.map((k): [string, HostNode] => [k, collateAt(values.map((v) => (v as Record<string, unknown>)[k]), path ? `${path}.${k}` : k, options)]);
    return { kind: 'record', entries };
  }
  const custom = options.leaf?.([...values], path);
  if (custom !== undefined) return { kind: 'value', value: custom };
  throw new ValueError(`collate: cannot batch ${describe(first)} as ${where(path, 0)} (supported: numbers, booleans, strings, typed arrays, HostArray, arrays, plain objects${options.leaf ? ', tensors' : ''})`);
}

function numbers(values: readonly unknown[], path: string, dtype: IntegerBatchDType): HostNode {
  const data = dtype === 'int32' ? new Int32Array(values.length) : new Float32Array(values.length);
  values.forEach((v, i) => {
    same(typeof v === 'number', path, i, 'a number', v);
    const x = v as number;
    if (dtype === 'int32' && (!Number.isInteger(x) || x < -(2 ** 31) || x >= 2 ** 31)) {
      throw new DTypeError(
        `collate: ${where(path, i)} is ${x}, not an int32; numbers batch to int32 unless the collate is made with { numbers: 'float32' } (or return HostArray.scalar(x) for float samples)`,
      );
    }
    data[i] = x;
  });
  return { kind: 'array', data, shape: [values.length], dtype };
}

function hostArrays(values: readonly unknown[], path: string): HostNode {
  const first = values[0] as HostArray;
  const size = first.size;
  const data = new (first.data.constructor as ArrayCtor)(values.length * size);
  values.forEach((v, i) => {
    same(v instanceof HostArray, path, i, 'a HostArray', v);
    const a = v as HostArray;
    if (a.dtype !== first.dtype) throw new DTypeError(`collate: ${where(path, i)} is ${a.dtype}, ${where(path, 0)} is ${first.dtype}`);
    if (a.shape.length !== first.shape.length || a.shape.some((d, k) => d !== first.shape[k])) {
      throw new ShapeError(`collate: ${where(path, i)} has shape ${formatShape(a.shape)}, ${where(path, 0)} has ${formatShape(first.shape)}`);
    }
    data.set(a.data, i * size);
  });
  return { kind: 'array', data, shape: [values.length, ...first.shape], dtype: first.dtype };
}

function typedArrays(values: readonly unknown[], path: string, options: CollateOptions): HostNode {
  const first = values[0] as ArrayLike<number>;
  const [ctor, dtype] = target(first, path, options);
  const kind = KINDS.find((k) => first instanceof k) as Function;
  const n = first.length;
  const data = new ctor(values.length * n);
  values.forEach((v, i) => {
    same(v instanceof kind, path, i, `a ${kind.name}`, v);
    const a = v as ArrayLike<number>;
    if (a.length !== n) throw new ShapeError(`collate: ${where(path, i)} has length ${a.length}, ${where(path, 0)} has ${n}`);
    data.set(a, i * n);
  });
  return { kind: 'array', data, shape: [values.length, n], dtype };
}

const KINDS = [Float32Array, Float64Array, Uint8Array, Uint8ClampedArray, Int32Array, Int16Array, Int8Array, Uint16Array, Uint32Array];

function target(sample: ArrayLike<number>, path: string, options: CollateOptions): [ArrayCtor, DType] {
  const int = (d: IntegerBatchDType): [ArrayCtor, DType] => (d === 'int32' ? [Int32Array, 'int32'] : [Float32Array, 'float32']);
  if (sample instanceof Float32Array) return [Float32Array, 'float32'];
  if (sample instanceof Float64Array) return [Float64Array, 'float64'];
  if (sample instanceof Uint8Array || sample instanceof Uint8ClampedArray) return int(options.uint8 ?? 'int32');
  if (sample instanceof Int32Array || sample instanceof Int16Array || sample instanceof Int8Array || sample instanceof Uint16Array) {
    return [Int32Array, 'int32'];
  }
  throw new DTypeError(`collate: cannot batch a ${sample.constructor.name} as ${where(path, 0)} (no nnkit dtype holds its values exactly; convert it first)`);
}

function same(ok: boolean, path: string, index: number, expected: string, got: unknown): true {
  if (!ok) throw new ValueError(`collate: ${where(path, index)} is ${describe(got)}, expected ${expected} like ${where(path, 0)}`);
  return true;
}

/** `sample 3` or `field x of sample 3`, for messages. */
function where(path: string, index: number): string {
  return path ? `field ${path} of sample ${index}` : `sample ${index}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  const name = (value as object).constructor?.name ?? 'object';
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}
