import { contiguousStrides, sizeOf, type DType } from '@nnkit/core';

/**
 * What `dtype` stores for the float64 value `v`: float32 rounds, int32 wraps as C's int32
 * (JavaScript's ToInt32, which also truncates toward zero), bool is `v != 0` (NaN is true).
 *
 * @example roundTo('int32', 2 ** 31) // -2147483648
 */
export function roundTo(dtype: DType, v: number): number {
  switch (dtype) {
    case 'float64':
      return v;
    case 'float32':
      return Math.fround(v);
    case 'int32':
      return v | 0;
    case 'bool':
      return v !== 0 ? 1 : 0;
  }
}

/** One dim of a reference slice: Python's `start:end:step` (each optional, step > 0). */
export type RefSlice = null | readonly [start?: number | null, end?: number | null, step?: number];

/** Calls `fn` with every multi-index of `shape` in row-major order (and its flat position). */
export function forEachIndex(shape: readonly number[], fn: (index: number[], flat: number) => void): void {
  const n = sizeOf(shape);
  const index = shape.map(() => 0);
  for (let flat = 0; flat < n; flat++) {
    fn(index, flat);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
}

/**
 * A tiny float64 n-d array for reference results: values as plain numbers (already rounded to
 * `dtype`), with strides and an offset so that views (permute, slice, expand) are metadata
 * exactly as they are on a tensor. Deliberately simple and slow: it is the oracle.
 *
 * @example
 * const a = NdArray.of([1, 2, 3, 4, 5, 6], [2, 3], 'float32');
 * a.permute([1, 0]).toArray(); // [1, 4, 2, 5, 3, 6]
 */
export class NdArray {
  private constructor(
    readonly dtype: DType,
    readonly shape: readonly number[],
    private readonly store: readonly number[],
    readonly strides: readonly number[],
    readonly offset: number,
  ) {}

  /** A contiguous array of `values` (row-major), each rounded to `dtype`. */
  static of(values: ArrayLike<number>, shape: readonly number[], dtype: DType): NdArray {
    if (values.length !== sizeOf(shape)) {
      throw new Error(`NdArray.of: ${values.length} values do not fill shape [${shape.join(',')}]`);
    }
    const store = Array.from(values, (v) => roundTo(dtype, v));
    return new NdArray(dtype, [...shape], store, contiguousStrides(shape), 0);
  }

  /** An array of `shape` whose element at `index` is `fn(index)`, rounded to `dtype`. */
  static fromFn(shape: readonly number[], dtype: DType, fn: (index: readonly number[]) => number): NdArray {
    const values: number[] = [];
    forEachIndex(shape, (index) => values.push(fn(index)));
    return NdArray.of(values, shape, dtype);
  }

  /** A 0-d array. */
  static scalar(value: number, dtype: DType): NdArray {
    return NdArray.of([value], [], dtype);
  }

  get ndim(): number {
    return this.shape.length;
  }

  get size(): number {
    return sizeOf(this.shape);
  }

  /** The element at a multi-index (no bounds checks: the oracle's callers are trusted). */
  at(index: readonly number[]): number {
    let pos = this.offset;
    for (let d = 0; d < index.length; d++) pos += index[d] * this.strides[d];
    return this.store[pos];
  }

  /** The elements in row-major order. */
  toArray(): number[] {
    const out: number[] = [];
    forEachIndex(this.shape, (index) => out.push(this.at(index)));
    return out;
  }

  /** `fn` of every element, stored as `dtype` (default: this dtype). */
  map(fn: (v: number) => number, dtype: DType = this.dtype): NdArray {
    return NdArray.of(this.toArray().map(fn), this.shape, dtype);
  }

  /** The same values converted to `dtype` (as a cast: truncation for int32, `!= 0` for bool). */
  cast(dtype: DType): NdArray {
    return this.map((v) => v, dtype);
  }

  /** A view with dims reordered. */
  permute(dims: readonly number[]): NdArray {
    return new NdArray(this.dtype, dims.map((d) => this.shape[d]), this.store, dims.map((d) => this.strides[d]), this.offset);
  }

  /** A view of a Python-style strided window; dims without a spec are taken whole. */
  slice(specs: readonly RefSlice[]): NdArray {
    let offset = this.offset;
    const shape: number[] = [];
    const strides: number[] = [];
    this.shape.forEach((size, d) => {
      const [s0, e0, step = 1] = specs[d] ?? [];
      const clamp = (v: number | null | undefined, dflt: number) =>
        v === null || v === undefined ? dflt : Math.min(Math.max(v < 0 ? v + size : v, 0), size);
      const start = clamp(s0, 0);
      const end = clamp(e0, size);
      shape.push(Math.max(0, Math.ceil((end - start) / step)));
      strides.push(this.strides[d] * step);
      offset += start * this.strides[d];
    });
    return new NdArray(this.dtype, shape, this.store, strides, offset);
  }

  /** A broadcast view (NumPy rules: new leading dims, size-1 dims repeat). */
  expand(shape: readonly number[]): NdArray {
    const lead = shape.length - this.ndim;
    const strides = shape.map((d, i) => {
      const j = i - lead;
      if (j < 0) return 0;
      if (this.shape[j] === d) return this.strides[j];
      if (this.shape[j] === 1) return 0;
      throw new Error(`NdArray.expand: cannot expand [${this.shape.join(',')}] to [${shape.join(',')}]`);
    });
    return new NdArray(this.dtype, [...shape], this.store, strides, this.offset);
  }

  /** The same elements (row-major) in another shape of the same size. */
  reshape(shape: readonly number[]): NdArray {
    return NdArray.of(this.toArray(), shape, this.dtype);
  }
}
