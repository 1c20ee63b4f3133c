import { ShapeError, formatShape, shapesEqual } from '@nnkit/core';
import type { FusedActivation } from '@nnkit/core';
import type { Resolved } from '../resolve.js';
import type { WasmGemm } from '../wasm/index.js';
import { outputPool, takeArray } from '../buffer-pool.js';

/** What `linearBackward` returns: plain arrays, null where not asked for. */
export interface LinearGradientArrays {
  dx: Float32Array | null;
  dw: Float32Array | null;
  db: Float32Array | null;
}

function check(g: Resolved, x: Resolved, w: Resolved, out: Resolved | null, activation: FusedActivation): void {
  const [n, m] = g.shape;
  const fits = g.shape.length === 2 && x.shape.length === 2 && w.shape.length === 2 &&
    x.shape[0] === n && w.shape[0] === m && x.shape[1] === w.shape[1] &&
    (activation !== 'relu' || (out !== null && shapesEqual(out.shape, g.shape)));
  if (!fits) {
    throw new ShapeError(
      `linearBackward: gradient ${formatShape(g.shape)}, input ${formatShape(x.shape)}, weight ${formatShape(w.shape)}` +
        `${out ? `, output ${formatShape(out.shape)}` : ''} do not fit (want [N, M], [N, K], [M, K]${activation === 'relu' ? ', output [N, M]' : ''})`,
    );
  }
}

/**
 * gy (the gradient through the activation) as a contiguous `[N, M]` array, and its column sums
 * when `wantSums` (float64 accumulation, as the reference reduction).
 */
function maskedGradient(g: Resolved, out: Resolved | null, wantSums: boolean): { gy: Float32Array; gyOffset: number; sums: Float64Array | null } {
  const [n, m] = g.shape;
  const [gs0, gs1] = g.strides;
  const src = g.array as Float32Array;
  const sums = wantSums ? new Float64Array(m) : null;
  const columnSums = (a: Float32Array, offset: number): void => {
    if (sums) for (let r = 0; r < n; r++) for (let c = 0, i = offset + r * m; c < m; c++, i++) sums[c] += a[i];
  };
  if (out === null && gs1 === 1 && gs0 === m) {
    // Contiguous and no mask: read g where it is.
    columnSums(src, g.offset);
    return { gy: src, gyOffset: g.offset, sums };
  }
  const gy = takeArray('float32', n * m) as Float32Array;
  const o = out?.array as Float32Array | undefined;
  if (o !== undefined && out !== null && gs1 === 1 && gs0 === m && out.strides[1] === 1 && out.strides[0] === m) {
    // Both contiguous (the usual case): keep g's bits where out > 0, else +0 — exactly where()'s
    // result, without a branch (half the outputs of a ReLU are 0: a branch mispredicts a lot).
    const size = n * m;
    const bits = new Int32Array(src.buffer, src.byteOffset + 4 * g.offset, size);
    const kept = new Int32Array(gy.buffer, gy.byteOffset, size);
    const oo = out.offset;
    for (let d = 0; d < size; d++) kept[d] = bits[d] & -(o[oo + d] > 0);
    columnSums(gy, 0);
    return { gy, gyOffset: 0, sums };
  }
  for (let r = 0; r < n; r++) {
    let gi = g.offset + r * gs0;
    let oi = out ? out.offset + r * out.strides[0] : 0;
    const os1 = out ? out.strides[1] : 0;
    for (let c = 0, d = r * m; c < m; c++, d++, gi += gs1, oi += os1) {
      const v = o === undefined || o[oi] > 0 ? src[gi] : 0;
      gy[d] = v;
      if (sums) sums[c] += v;
    }
  }
  return { gy, gyOffset: 0, sums };
}

/**
 * The gradients of `act(x · wᵀ + b)` from g `[N, M]`: dx = gy · w `[N, K]` and dw = gyᵀ · x
 * `[M, K]` by the WebAssembly GEMM (operands read through their strides), db = Σ rows of gy
 * `[M]`, where gy is g masked by `out > 0` for relu. float32 only.
 */
export function linearBackward(
  gemm: () => WasmGemm,
  g: Resolved,
  x: Resolved,
  w: Resolved,
  out: Resolved | null,
  activation: FusedActivation,
  needs: readonly [boolean, boolean, boolean],
): LinearGradientArrays {
  check(g, x, w, out, activation);
  const [n, m] = g.shape;
  const k = x.shape[1];
  const { gy, gyOffset, sums } = maskedGradient(g, activation === 'relu' ? out : null, needs[2]);
  let dx: Float32Array | null = null;
  let dw: Float32Array | null = null;
  // An empty product is all zeros: the GEMM is not called for it.
  const someWork = n > 0 && m > 0 && k > 0;
  if (needs[0]) {
    dx = takeArray('float32', n * k) as Float32Array;
    if (someWork) gemm().sgemm(
      n, k, m,
      { data: gy, offset: gyOffset, rowStride: m, colStride: 1 },
      { data: w.array as Float32Array, offset: w.offset, rowStride: w.strides[0], colStride: w.strides[1] },
      { data: dx, rowStride: k },
    );
  }
  if (needs[1]) {
    dw = takeArray('float32', m * k) as Float32Array;
    if (someWork) gemm().sgemm(
      m, k, n,
      { data: gy, offset: gyOffset, rowStride: 1, colStride: m },
      { data: x.array as Float32Array, offset: x.offset, rowStride: x.strides[0], colStride: x.strides[1] },
      { data: dw, rowStride: k },
    );
  }
  // gy is a temporary unless it is g itself.
  if (gy !== g.array) outputPool.give('float32', gy);
  let db: Float32Array | null = null;
  if (sums) {
    db = takeArray('float32', m) as Float32Array;
    db.set(sums);
  }
  return { dx, dw, db };
}
