import { ShapeError, ValueError, formatShape, sizeOf, type TypedArray } from '@nnkit/core';
import type { Tensor } from '@nnkit/tensor';
import { checkIndex, type Dataset } from './dataset.js';
import { HostArray } from './host-array.js';

/**
 * Tensors that share their first dimension, seen as a dataset: sample `i` is row `i` of each,
 * as PyTorch's `TensorDataset`.
 *
 * Rows come back as `HostArray` views (shape = the tensor's shape without its first dim, same
 * dtype, no copy), which the default collate batches into `[B, ...rowShape]` tensors. The
 * values are read once, on the first `get`, with `await t.data()`; the dataset does not own
 * the tensors and never disposes them (keep them alive while it is in use).
 *
 * @example
 * const ds = new TensorDataset(x, y);  // x: [100, 3] float32, y: [100] int32
 * const [xi, yi] = await ds.get(7);    // HostArray [3] float32, HostArray [] int32
 */
export class TensorDataset implements Dataset<HostArray[]> {
  readonly tensors: readonly Tensor[];
  private rows?: Promise<{ data: TypedArray; shape: number[]; size: number }[]>;

  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0) throw new ValueError('TensorDataset: needs at least one tensor');
    const n = tensors[0].shape[0];
    for (const t of tensors) {
      if (t.shape.length === 0) throw new ShapeError('TensorDataset: a 0-d tensor has no first dimension to index');
      if (t.shape[0] !== n) {
        throw new ShapeError(
          `TensorDataset: tensors must share their first dimension, got shapes ${tensors.map((x) => formatShape(x.shape)).join(' and ')}`,
        );
      }
    }
    this.tensors = [...tensors];
  }

  get length(): number {
    return this.tensors[0].shape[0];
  }

  async get(index: number): Promise<HostArray[]> {
    checkIndex('TensorDataset', index, this.length);
    this.rows ??= Promise.all(
      this.tensors.map(async (t) => {
        const shape = t.shape.slice(1);
        return { data: (await t.data()) as TypedArray, shape, size: sizeOf(shape) };
      }),
    ).catch((error: unknown) => {
      this.rows = undefined; // let a later get retry instead of caching the failure
      throw error;
    });
    const rows = await this.rows;
    return rows.map(
      (r, k) => new HostArray(r.data.subarray(index * r.size, (index + 1) * r.size), r.shape, this.tensors[k].dtype),
    );
  }
}
