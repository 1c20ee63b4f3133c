import { contiguousStrides } from '@nnkit/core';
import type { DType, DataHandle, Shape, TypedArray, View } from '@nnkit/core';
import { expect } from 'vitest';
import { createCpuBackend } from '../src/index.js';
import type { CpuBackend } from '../src/index.js';

/**
 * A fresh CPU backend for one test, which remembers the inputs it uploaded so that `finish()`
 * can free them and prove that the kernels under test left no buffer behind.
 */
export class Harness {
  readonly b: CpuBackend = createCpuBackend();
  private readonly inputs: DataHandle[] = [];

  /** Uploads `values` and returns a contiguous view of `shape` (default: 1-d). */
  input(values: readonly number[] | TypedArray, dtype: DType, shape: Shape = [values.length]): View {
    const data = this.b.upload(values, dtype);
    this.inputs.push(data);
    return view(data, dtype, shape);
  }

  /** Reads an output as plain numbers and releases it. */
  take(data: DataHandle): number[] {
    const values = Array.from(this.b.readSync(data));
    this.b.release(data);
    return values;
  }

  /** Reads an output as its typed array and releases it. */
  takeTyped(data: DataHandle): TypedArray {
    const values = this.b.readSync(data);
    this.b.release(data);
    return values;
  }

  /** Frees the inputs and checks that the backend holds nothing else. */
  finish(): void {
    for (const d of this.inputs.splice(0)) this.b.release(d);
    expect(this.b.memory()).toEqual({ buffers: 0, bytes: 0 });
  }
}

/** A view of `data` with the given layout (contiguous by default). */
export function view(
  data: DataHandle, dtype: DType, shape: Shape, strides: readonly number[] = contiguousStrides(shape), offset = 0,
): View {
  return { data, dtype, shape, strides, offset };
}

/** Another layout over the same buffer as `v`. */
export function restride(v: View, shape: Shape, strides: readonly number[], offset = 0): View {
  return { ...v, shape, strides, offset };
}

/** `values` as float32 would store them. */
export function f32(values: readonly number[]): number[] {
  return Array.from(new Float32Array(values));
}
