import type { DType } from '@nnkit/core';
import { erfRef } from './erf.js';

/** A scalar function of the oracle, computed in float64. */
export type ScalarFn = (x: number) => number;

/** Round half to even, as torch.round (written independently of any backend). */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
}

/**
 * `a ** b` with C / IEEE-754 `pow` semantics, which PyTorch follows and which differ from
 * JavaScript's `Math.pow` in three places: `pow(1, y)` is 1 for every y (NaN and ±Infinity
 * included), and `pow(-1, ±Infinity)` is 1.
 *
 * @example powRef(1, NaN) // 1 (Math.pow gives NaN)
 */
export function powRef(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return Math.pow(a, b);
}

const sigmoid: ScalarFn = (x) => 1 / (1 + Math.exp(-x));

/** The elementwise unary ops of `@nnkit/tensor`, as PyTorch defines them (NaN in, NaN out). */
export const UNARY_REF = {
  neg: (x) => -x,
  abs: Math.abs,
  // nnkit documents sign(NaN) = NaN (as NumPy); ±0 give 0.
  sign: (x) => (Number.isNaN(x) ? x : x > 0 ? 1 : x < 0 ? -1 : 0),
  exp: Math.exp,
  log: Math.log,
  log1p: Math.log1p,
  expm1: Math.expm1,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sigmoid,
  erf: erfRef,
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfEven,
  isnan: (x) => (Number.isNaN(x) ? 1 : 0),
  logicalNot: (x) => (x === 0 ? 1 : 0),
} satisfies Record<string, ScalarFn>;

/** Name of a unary op with a reference. */
export type UnaryName = keyof typeof UNARY_REF;

/** Activation references with PyTorch's formulas and default arguments. */
export const activationRef = {
  /** torch.relu: NaN propagates (it is clamp_min(x, 0)). */
  relu: (x: number): number => (Number.isNaN(x) ? x : x > 0 ? x : 0),
  leakyRelu: (slope = 0.01) => (x: number): number => (x > 0 ? x : x * slope),
  elu: (alpha = 1) => (x: number): number => (x > 0 ? x : alpha * Math.expm1(x)),
  gelu: (x: number): number => 0.5 * x * (1 + erfRef(x / Math.SQRT2)),
  geluTanh: (x: number): number => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))),
  softplus: (beta = 1, threshold = 20) => (x: number): number =>
    x * beta > threshold ? x : Math.log1p(Math.exp(beta * x)) / beta,
  silu: (x: number): number => x / (1 + Math.exp(-x)),
};

/** A binary reference: the function depends on the operands' dtype (int32 wraps, bool is logic). */
export type BinaryRef = (dtype: DType) => (a: number, b: number) => number;

const arith = (fn: (a: number, b: number) => number, intFn = fn): BinaryRef => (dtype) => (dtype === 'int32' ? intFn : fn);

/** The elementwise binary ops of `@nnkit/tensor`. Results are rounded to the output dtype afterwards. */
export const BINARY_REF = {
  add: arith((a, b) => a + b),
  sub: arith((a, b) => a - b),
  // int32 products wrap exactly as C's int32 (a float64 product would lose the low bits).
  mul: arith((a, b) => a * b, Math.imul),
  div: arith((a, b) => a / b),
  pow: arith(powRef),
  // torch.maximum / minimum propagate NaN.
  maximum: arith((a, b) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.max(a, b))),
  minimum: arith((a, b) => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.min(a, b))),
  eq: arith((a, b) => (a === b ? 1 : 0)),
  ne: arith((a, b) => (a !== b ? 1 : 0)),
  lt: arith((a, b) => (a < b ? 1 : 0)),
  le: arith((a, b) => (a <= b ? 1 : 0)),
  gt: arith((a, b) => (a > b ? 1 : 0)),
  ge: arith((a, b) => (a >= b ? 1 : 0)),
  logicalAnd: arith((a, b) => (a !== 0 && b !== 0 ? 1 : 0)),
  logicalOr: arith((a, b) => (a !== 0 || b !== 0 ? 1 : 0)),
} satisfies Record<string, BinaryRef>;

/** Name of a binary op with a reference. */
export type BinaryName = keyof typeof BINARY_REF;
