import { isFloatDType, type DType, type UnaryOp } from '@nnkit/core';
import { backendOf, checkDType, fromKernel, record, viewOf } from '../dispatch.js';
import type { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { mul } from './binary.js';

const FLOAT_ONLY = new Set<UnaryOp>([
  'exp', 'log', 'log1p', 'expm1', 'sqrt', 'rsqrt', 'reciprocal', 'sin', 'cos', 'tanh', 'sigmoid', 'erf',
]);

/** The dtype `op` computes in for an input of `dtype` (ints become float32 for float math). */
function computeDType(op: UnaryOp, dtype: DType): DType {
  if (FLOAT_ONLY.has(op)) return isFloatDType(dtype) ? dtype : 'float32';
  if ((op === 'neg' || op === 'abs' || op === 'sign') && dtype === 'bool') return 'int32';
  return dtype;
}

/** Runs one elementwise primitive of one operand and records it. */
export function unary(op: UnaryOp, x: Tensor): Tensor {
  const backend = backendOf(op, [x]);
  const dtype = computeDType(op, x.dtype);
  const input = dtype === x.dtype ? x : cast(x, dtype);
  try {
    const outDtype = op === 'isnan' || op === 'logicalNot' ? 'bool' : dtype;
    checkDType(backend, outDtype, op);
    const out = fromKernel(backend, backend.unary(op, viewOf(input, op), outDtype), x.shape, outDtype);
    return record(op, [input], out, {});
  } finally {
    if (input !== x) input.dispose();
  }
}

/** −x */
export const neg = (x: Tensor): Tensor => unary('neg', x);
/** |x| */
export const abs = (x: Tensor): Tensor => unary('abs', x);
/** −1, 0 or 1 (NaN stays NaN). */
export const sign = (x: Tensor): Tensor => unary('sign', x);
/** eˣ */
export const exp = (x: Tensor): Tensor => unary('exp', x);
/** Natural logarithm. */
export const log = (x: Tensor): Tensor => unary('log', x);
/** log(1 + x), accurate near 0. */
export const log1p = (x: Tensor): Tensor => unary('log1p', x);
/** eˣ − 1, accurate near 0. */
export const expm1 = (x: Tensor): Tensor => unary('expm1', x);
/** √x */
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x);
/** 1/√x */
export const rsqrt = (x: Tensor): Tensor => unary('rsqrt', x);
/** 1/x */
export const reciprocal = (x: Tensor): Tensor => unary('reciprocal', x);
/** sin x */
export const sin = (x: Tensor): Tensor => unary('sin', x);
/** cos x */
export const cos = (x: Tensor): Tensor => unary('cos', x);
/** tanh x */
export const tanh = (x: Tensor): Tensor => unary('tanh', x);
/** 1 / (1 + e⁻ˣ) */
export const sigmoid = (x: Tensor): Tensor => unary('sigmoid', x);
/** The error function. */
export const erf = (x: Tensor): Tensor => unary('erf', x);
/** Rounds down. */
export const floor = (x: Tensor): Tensor => unary('floor', x);
/** Rounds up. */
export const ceil = (x: Tensor): Tensor => unary('ceil', x);
/** Rounds half to even, as torch.round. */
export const round = (x: Tensor): Tensor => unary('round', x);
/** True where x is NaN. */
export const isnan = (x: Tensor): Tensor => unary('isnan', x);
/** True where x is zero / false. */
export const logicalNot = (x: Tensor): Tensor => unary('logicalNot', x);
/** x² */
export const square = (x: Tensor): Tensor => mul(x, x);
