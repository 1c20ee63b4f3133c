import { ShapeError, formatShape, type FusedActivation, type TypedArray } from '@nnkit/core';
import { matmulKernel } from '../kernels/matmul.js';
import type { Resolved } from '../resolve.js';
import type { WasmGemm } from '../wasm/index.js';
import { takeArray } from '../buffer-pool.js';

/** The same for other dtypes (float64, int32), with the reference matmul. */
function referenceLinear(x: Resolved, w: Resolved, b: Resolved | null, activation: FusedActivation): TypedArray {
  const wT: Resolved = { ...w, shape: [w.shape[1], w.shape[0]], strides: [w.strides[1], w.strides[0]] };
  const out = matmulKernel(x, wT, x.dtype);
  const m = w.shape[0];
  for (let i = 0; i < out.length; i++) {
    let v = out[i] + (b ? b.array[b.offset + (i % m) * b.strides[0]] : 0);
    if (activation === 'relu' && v < 0) v = 0;
    out[i] = v;
  }
  return out;
}

/**
 * `act(x · wᵀ + b)` in one GEMM call for float32: wᵀ is read through swapped strides, the
 * bias and ReLU are the GEMM's epilogue. x `[N, K]`, w `[M, K]`, b `[M]` → `[N, M]`.
 */
export function fusedLinear(gemm: () => WasmGemm, x: Resolved, w: Resolved, b: Resolved | null, activation: FusedActivation): TypedArray {
  const [n, k] = x.shape;
  const [m, k2] = w.shape;
  if (x.shape.length !== 2 || w.shape.length !== 2 || k !== k2 || (b && (b.shape.length !== 1 || b.shape[0] !== m))) {
    throw new ShapeError(
      `linear: input ${formatShape(x.shape)}, weight ${formatShape(w.shape)}${b ? `, bias ${formatShape(b.shape)}` : ''} do not fit`,
    );
  }
  if (x.dtype !== 'float32' || w.dtype !== 'float32' || (b && b.dtype !== 'float32')) return referenceLinear(x, w, b, activation);
  let bias: Float32Array | undefined;
  let biasOffset = 0;
  if (b) {
    // The epilogue reads the bias contiguously; a strided bias is rare, so copy it then.
    if (b.strides[0] === 1 || m <= 1) {
      bias = b.array as Float32Array;
      biasOffset = b.offset;
    } else {
      bias = Float32Array.from({ length: m }, (_, j) => b.array[b.offset + j * b.strides[0]]);
    }
  }
  const out = takeArray('float32', n * m) as Float32Array;
  gemm().sgemm(
    n, m, k,
    { data: x.array as Float32Array, offset: x.offset, rowStride: x.strides[0], colStride: x.strides[1] },
    { data: w.array as Float32Array, offset: w.offset, rowStride: w.strides[1], colStride: w.strides[0] },
    { data: out, rowStride: m },
    { bias, biasOffset, relu: activation === 'relu' },
  );
  return out;
}
