import { ValueError } from '@nnkit/core';
import type { BinaryOp, DType, TypedArray } from '@nnkit/core';
import { computeOutput } from '../output.js';
import { readContiguous } from '../strided.js';
import type { Strided } from '../strided.js';

const OPS: readonly BinaryOp[] = [
  'add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum',
  'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr',
];
const ZERO_ONE: readonly BinaryOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr'];

/**
 * `out[i] = a[i] op b[i]` for two views of one shape and dtype (broadcast is stride 0), in
 * float64 arithmetic stored as `outDtype`. Comparisons and logical ops give 0/1 (NaN compares
 * false and counts as true); maximum/minimum propagate NaN. int32 operands: `div` truncates
 * toward zero (x/0 gives 0), and `mul` into int32 wraps exactly as C's int32 does.
 *
 * @example binaryKernel('lt', a, b, 'int32', 'bool') // 1 where a < b, else 0
 */
export function binaryKernel(op: BinaryOp, a: Strided, b: Strided, dtype: DType, outDtype: DType): TypedArray {
  if (!OPS.includes(op)) throw new ValueError(`binary: unknown op '${String(op)}'`);
  const x = readContiguous(a);
  const y = readContiguous(b);
  const int = dtype === 'int32' && (op === 'div' || (op === 'mul' && outDtype === 'int32'));
  return computeOutput(
    outDtype,
    x.length,
    (out) => (int ? fillInt32(op, x, y, out) : fill(op, x, y, out)),
    ZERO_ONE.includes(op),
  );
}

function fillInt32(op: BinaryOp, x: TypedArray, y: TypedArray, out: TypedArray): void {
  if (op === 'mul') {
    for (let i = 0; i < x.length; i++) out[i] = Math.imul(x[i], y[i]);
  } else {
    for (let i = 0; i < x.length; i++) out[i] = y[i] === 0 ? 0 : Math.trunc(x[i] / y[i]);
  }
}

/**
 * C's pow, which PyTorch follows: 1 to any power (even NaN) is 1, and −1 to ±∞ is 1.
 * Math.pow answers NaN in those cases.
 */
export function powC(a: number, b: number): number {
  if (a === 1) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return Math.pow(a, b);
}

/**
 * One loop per op, written inline: a single loop calling a different function per op goes
 * megamorphic in V8 and runs several times slower once a program has used a few ops.
 */
function fill(op: BinaryOp, x: TypedArray, y: TypedArray, out: TypedArray): void {
  const n = x.length;
  switch (op) {
    case 'add':
      for (let i = 0; i < n; i++) out[i] = x[i] + y[i];
      return;
    case 'sub':
      for (let i = 0; i < n; i++) out[i] = x[i] - y[i];
      return;
    case 'mul':
      for (let i = 0; i < n; i++) out[i] = x[i] * y[i];
      return;
    case 'div':
      for (let i = 0; i < n; i++) out[i] = x[i] / y[i];
      return;
    case 'pow':
      for (let i = 0; i < n; i++) out[i] = powC(x[i], y[i]);
      return;
    case 'maximum':
      for (let i = 0; i < n; i++) out[i] = Math.max(x[i], y[i]);
      return;
    case 'minimum':
      for (let i = 0; i < n; i++) out[i] = Math.min(x[i], y[i]);
      return;
    case 'eq':
      for (let i = 0; i < n; i++) out[i] = x[i] === y[i] ? 1 : 0;
      return;
    case 'ne':
      for (let i = 0; i < n; i++) out[i] = x[i] !== y[i] ? 1 : 0;
      return;
    case 'lt':
      for (let i = 0; i < n; i++) out[i] = x[i] < y[i] ? 1 : 0;
      return;
    case 'le':
      for (let i = 0; i < n; i++) out[i] = x[i] <= y[i] ? 1 : 0;
      return;
    case 'gt':
      for (let i = 0; i < n; i++) out[i] = x[i] > y[i] ? 1 : 0;
      return;
    case 'ge':
      for (let i = 0; i < n; i++) out[i] = x[i] >= y[i] ? 1 : 0;
      return;
    case 'logicalAnd':
      for (let i = 0; i < n; i++) out[i] = x[i] !== 0 && y[i] !== 0 ? 1 : 0;
      return;
    case 'logicalOr':
      for (let i = 0; i < n; i++) out[i] = x[i] !== 0 || y[i] !== 0 ? 1 : 0;
  }
}
