import { ShapeError, formatShape, sizeOf } from '@nnkit/core';
import type { DType, Shape, TypedArray } from '@nnkit/core';
import { computeOutput } from '../output.js';
import { readContiguous } from '../strided.js';
import type { Strided } from '../strided.js';

/** Checks `[...batch, M, K] · [...batch, K, N]` and returns the dims. */
export function matmulDims(a: Shape, b: Shape): { batch: number[]; m: number; k: number; n: number } {
  const fail = (why: string): never => {
    throw new ShapeError(`matmul: cannot multiply ${formatShape(a)} by ${formatShape(b)} (${why})`);
  };
  if (a.length < 2 || b.length < 2) fail('both operands need at least 2 dimensions');
  if (a.length !== b.length) fail(`batch ranks differ: ${a.length - 2} and ${b.length - 2}`);
  const batch = a.slice(0, -2);
  if (!batch.every((d, i) => d === b[i])) {
    fail(`batch dimensions ${formatShape(batch)} and ${formatShape(b.slice(0, -2))} differ`);
  }
  const [m, k] = a.slice(-2);
  const [k2, n] = b.slice(-2);
  if (k !== k2) fail(`inner dimensions ${k} and ${k2} differ`);
  return { batch, m, k, n };
}

/**
 * `C = A·B` for one row-major M×K by K×N pair, accumulated in float64 into `acc` (4·N slots)
 * and stored into `out`. Four rows of A share each load of a row of B, and the inner loop runs
 * along contiguous rows of B and C: the i-k-j order.
 */
function gemm(
  A: TypedArray, ao: number, B: TypedArray, bo: number, out: TypedArray, oo: number,
  m: number, k: number, n: number, acc: Float64Array,
): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    acc.fill(0);
    const r0 = ao + i * k;
    const r1 = r0 + k;
    const r2 = r1 + k;
    const r3 = r2 + k;
    for (let p = 0; p < k; p++) {
      const a0 = A[r0 + p];
      const a1 = A[r1 + p];
      const a2 = A[r2 + p];
      const a3 = A[r3 + p];
      const bk = bo + p * n;
      for (let j = 0; j < n; j++) {
        const bv = B[bk + j];
        acc[j] += a0 * bv;
        acc[n + j] += a1 * bv;
        acc[2 * n + j] += a2 * bv;
        acc[3 * n + j] += a3 * bv;
      }
    }
    out.set(acc, oo + i * n);
  }
  const row = acc.subarray(0, n);
  for (; i < m; i++) {
    row.fill(0);
    const r = ao + i * k;
    for (let p = 0; p < k; p++) {
      const av = A[r + p];
      const bk = bo + p * n;
      for (let j = 0; j < n; j++) row[j] += av * B[bk + j];
    }
    out.set(row, oo + i * n);
  }
}

/**
 * Batched matmul `[...batch, M, K] · [...batch, K, N] → [...batch, M, N]`, float64
 * accumulation, stored as `outDtype`. Strided (transposed, broadcast) operands are packed first.
 *
 * @example matmulKernel(a2x3, b3x4, 'float32') // contiguous [2, 4]
 */
export function matmulKernel(a: Strided, b: Strided, outDtype: DType): TypedArray {
  const { batch, m, k, n } = matmulDims(a.shape, b.shape);
  const A = readContiguous(a);
  const B = readContiguous(b);
  const count = sizeOf(batch);
  return computeOutput(outDtype, count * m * n, (out) => {
    const acc = new Float64Array(4 * n);
    for (let t = 0; t < count; t++) gemm(A, t * m * k, B, t * k * n, out, t * m * n, m, k, n, acc);
  });
}
