import { ValueError } from '@nnkit/core';
import type { DType, TypedArray, UnaryOp } from '@nnkit/core';
import { computeOutput } from '../output.js';
import { readContiguous } from '../strided.js';
import type { Strided } from '../strided.js';
import { erf } from './erf.js';

const OPS: readonly UnaryOp[] = [
  'neg', 'abs', 'sign', 'exp', 'log', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'reciprocal',
  'sin', 'cos', 'tanh', 'sigmoid', 'erf', 'floor', 'ceil', 'round', 'isnan', 'logicalNot',
];

/**
 * Round half to even, as `torch.round`: 0.5 → 0, 1.5 → 2, 2.5 → 2, -0.5 → -0.
 *
 * @example roundHalfEven(2.5) // 2
 */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  // Exact for every double: past 2^52 x is an integer and the fraction is 0.
  const frac = x - f;
  const r = frac > 0.5 ? f + 1 : frac < 0.5 ? f : f % 2 === 0 ? f : f + 1;
  return r === 0 && x < 0 ? -0 : r;
}

/** Sign as PyTorch gives it: -1, 0 or 1, and NaN for NaN. */
export function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : Number.NaN;
}

/**
 * `out[i] = op(x[i])` in float64 arithmetic, stored as `outDtype` (float32 rounds, int32
 * truncates, bool is `!= 0`); `isnan` and `logicalNot` (true for 0 only) give 0/1.
 *
 * @example unaryKernel('round', { array: new Float64Array([2.5]), shape: [1], strides: [1], offset: 0 }, 'float64') // [2]
 */
export function unaryKernel(op: UnaryOp, x: Strided, outDtype: DType): TypedArray {
  if (!OPS.includes(op)) throw new ValueError(`unary: unknown op '${String(op)}'`);
  const src = readContiguous(x);
  return computeOutput(outDtype, src.length, (out) => fill(op, src, out), op === 'isnan' || op === 'logicalNot');
}

/** One loop per op, written inline so that V8 keeps each one monomorphic (see binary.ts). */
function fill(op: UnaryOp, x: TypedArray, out: TypedArray): void {
  const n = x.length;
  switch (op) {
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -x[i];
      return;
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]);
      return;
    case 'sign':
      for (let i = 0; i < n; i++) out[i] = sign(x[i]);
      return;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]);
      return;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]);
      return;
    case 'log1p':
      for (let i = 0; i < n; i++) out[i] = Math.log1p(x[i]);
      return;
    case 'expm1':
      for (let i = 0; i < n; i++) out[i] = Math.expm1(x[i]);
      return;
    case 'sqrt':
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]);
      return;
    case 'rsqrt':
      for (let i = 0; i < n; i++) out[i] = 1 / Math.sqrt(x[i]);
      return;
    case 'reciprocal':
      for (let i = 0; i < n; i++) out[i] = 1 / x[i];
      return;
    case 'sin':
      for (let i = 0; i < n; i++) out[i] = Math.sin(x[i]);
      return;
    case 'cos':
      for (let i = 0; i < n; i++) out[i] = Math.cos(x[i]);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
      return;
    case 'erf':
      for (let i = 0; i < n; i++) out[i] = erf(x[i]);
      return;
    case 'floor':
      for (let i = 0; i < n; i++) out[i] = Math.floor(x[i]);
      return;
    case 'ceil':
      for (let i = 0; i < n; i++) out[i] = Math.ceil(x[i]);
      return;
    case 'round':
      for (let i = 0; i < n; i++) out[i] = roundHalfEven(x[i]);
      return;
    case 'isnan':
      for (let i = 0; i < n; i++) out[i] = x[i] !== x[i] ? 1 : 0;
      return;
    case 'logicalNot':
      for (let i = 0; i < n; i++) out[i] = x[i] === 0 ? 1 : 0;
  }
}
