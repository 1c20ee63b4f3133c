import { sizeOf } from '@nnkit/core';
import type { Resolved } from '../resolve.js';
import { matmulDims } from '../kernels/matmul.js';
import type { WasmGemm } from '../wasm/index.js';
import { takeArray } from '../buffer-pool.js';

/** Below this many multiply-adds the plain-JS kernel is as fast (no copies in and out). */
const MIN_WASM_MACS = 4096;

/** Unravels a flat batch index into per-dim indices, for strided batch offsets. */
function batchOffset(index: number, batch: readonly number[], strides: readonly number[]): number {
  let offset = 0;
  for (let d = batch.length - 1; d >= 0; d--) {
    offset += (index % batch[d]) * strides[d];
    index = Math.floor(index / batch[d]);
  }
  return offset;
}

/**
 * float32 batched matmul through the WebAssembly GEMM, reading both operands through their
 * strides (transposed and broadcast views need no copy). Returns null when the plain-JS
 * kernel should run instead (other dtypes, tiny products).
 */
export function wasmMatmul(gemm: () => WasmGemm, a: Resolved, b: Resolved): Float32Array | null {
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  const { batch, m, k, n } = matmulDims(a.shape, b.shape);
  if (m * n * k < MIN_WASM_MACS) return null;
  const count = sizeOf(batch);
  const out = takeArray('float32', count * m * n) as Float32Array;
  const r = a.shape.length - 2;
  const g = gemm();
  for (let i = 0; i < count; i++) {
    g.sgemm(
      m, n, k,
      { data: a.array as Float32Array, offset: a.offset + batchOffset(i, batch, a.strides), rowStride: a.strides[r], colStride: a.strides[r + 1] },
      { data: b.array as Float32Array, offset: b.offset + batchOffset(i, batch, b.strides), rowStride: b.strides[r], colStride: b.strides[r + 1] },
      { data: out, offset: i * m * n, rowStride: n },
    );
  }
  return out;
}
