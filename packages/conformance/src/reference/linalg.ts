import type { DType } from '@nnkit/core';
import { broadcastAll } from './broadcast.js';
import { NdArray } from './ndarray.js';

/**
 * torch.matmul: 1-d operands become a row (left) or a column (right) and that dim is dropped
 * again; batch dims broadcast. Accumulates in float64 (int32 products wrap as C's int32).
 *
 * @example matmulRef(NdArray.of([1, 2], [2], 'float32'), NdArray.of([3, 4], [2], 'float32')) // 0-d 11
 */
export function matmulRef(a: NdArray, b: NdArray, dtype: DType = a.dtype): NdArray {
  const a2 = a.ndim === 1 ? a.reshape([1, a.shape[0]]) : a;
  const b2 = b.ndim === 1 ? b.reshape([b.shape[0], 1]) : b;
  const [m, k] = a2.shape.slice(-2);
  const n = b2.shape[b2.ndim - 1];
  const batch = broadcastAll([a2.shape.slice(0, -2), b2.shape.slice(0, -2)]);
  const av = a2.expand([...batch, m, k]);
  const bv = b2.expand([...batch, k, n]);
  const dot = dtype === 'int32'
    ? (s: number, x: number, y: number) => (s + Math.imul(x, y)) | 0
    : (s: number, x: number, y: number) => s + x * y;
  const out = NdArray.fromFn([...batch, m, n], dtype, (index) => {
    const lead = index.slice(0, -2);
    const [i, j] = index.slice(-2);
    let s = 0;
    for (let p = 0; p < k; p++) s = dot(s, av.at([...lead, i, p]), bv.at([...lead, p, j]));
    return s;
  });
  let shape = [...out.shape];
  if (a.ndim === 1) shape = [...shape.slice(0, -2), shape[shape.length - 1]];
  if (b.ndim === 1) shape = shape.slice(0, -1);
  return out.reshape(shape);
}

/** torch.nn.functional.linear: `x · wᵀ + b`, optionally followed by relu. */
export function linearRef(x: NdArray, w: NdArray, b: NdArray | null, activation: 'none' | 'relu' = 'none'): NdArray {
  const y = matmulRef(x, w.permute([1, 0]));
  const withBias = b === null ? y : NdArray.fromFn(y.shape, y.dtype, (i) => y.at(i) + b.at([i[i.length - 1]]));
  return activation === 'relu' ? withBias.map((v) => (Number.isNaN(v) ? v : Math.max(v, 0))) : withBias;
}

/**
 * The gradients of `linearRef(x, w, b, activation)` from the output's gradient g:
 * `[gy · w, gyᵀ · x, Σ rows of gy]`, gy = g where the output > 0 for relu, else g.
 */
export function linearGradRef(g: NdArray, x: NdArray, w: NdArray, b: NdArray | null, activation: 'none' | 'relu'): NdArray[] {
  const y = linearRef(x, w, b, activation);
  const gy = activation === 'relu' ? NdArray.fromFn(g.shape, g.dtype, (i) => (y.at(i) > 0 ? g.at(i) : 0)) : g;
  const db = NdArray.fromFn([g.shape[1]], g.dtype, ([j]) => {
    let s = 0;
    for (let r = 0; r < g.shape[0]; r++) s += gy.at([r, j]);
    return s;
  });
  return [matmulRef(gy, w), matmulRef(gy.permute([1, 0]), x), db];
}
