import type { BinaryOp, DType, UnaryOp } from '@nnkit/core';
import { isNan } from '../codegen.js';

/*
 * Kernel statements for each elementwise op. Operands are `v` (unary) or `a`, `b` (binary);
 * each snippet leaves the float result in `y`. `pinf` and `pnan` are kernel arguments (+∞ and
 * NaN): shader languages have no literals for them. Shader math functions are undefined outside
 * their domains (SwiftShader's log(-1) is log(1)), so every domain edge is handled explicitly,
 * and NaN inputs are passed through before anything else can swallow them.
 */

const nanThrough = (y: string): string => `if (${isNan('v')}) { ${y} = v; }`;

/*
 * Near 0, log1p and expm1 use their Taylor series: the classic (u - 1) correction tricks do
 * not survive shader compilers, which simplify (1 + v) - 1 to v. Past |x| = 0.01 the plain
 * formulas lose at most ~1e-5 relative.
 */
const SMALL = '0.01';

/** expm1 of `x` into `out`. */
const expm1 = (x: string, out: string): string[] => [
  `let ${out} = Math.exp(${x}) - 1.0;`,
  `if (Math.abs(${x}) < ${SMALL}) { ${out} = ${x} * (1.0 + ${x} * (0.5 + ${x} * (0.16666666666666666 + ${x} * (0.041666666666666664 + ${x} * 0.008333333333333333)))); }`,
];

const UNARY: Record<UnaryOp, string[]> = {
  neg: ['let y = -v;'],
  abs: ['let y = Math.abs(v);'],
  sign: ['let y = v;', 'if (v > 0.0) { y = 1.0; }', 'if (v < 0.0) { y = -1.0; }'],
  exp: ['let y = Math.exp(v);', 'if (v == -pinf) { y = 0.0; }', nanThrough('y')],
  log: ['let y = Math.log(v);', 'if (v == 0.0) { y = -pinf; }', 'if (v < 0.0) { y = pnan; }', nanThrough('y')],
  log1p: [
    'let y = Math.log(1.0 + v);',
    `if (Math.abs(v) < ${SMALL}) { y = v * (1.0 - v * (0.5 - v * (0.3333333333333333 - v * (0.25 - v * 0.2)))); }`,
    'if (v == -1.0) { y = -pinf; }',
    'if (v < -1.0) { y = pnan; }',
    'if (v == pinf) { y = pinf; }',
    nanThrough('y'),
  ],
  expm1: [...expm1('v', 'e'), 'let y = e;', 'if (v == -pinf) { y = -1.0; }', nanThrough('y')],
  sqrt: ['let y = Math.sqrt(v);', 'if (v < 0.0) { y = pnan; }', nanThrough('y')],
  rsqrt: ['let y = 1.0 / Math.sqrt(v);', 'if (v == 0.0) { y = pinf; if (1.0 / v < 0.0) { y = -pinf; } }', 'if (v < 0.0) { y = pnan; }', 'if (v == pinf) { y = 0.0; }', nanThrough('y')],
  reciprocal: ['let y = 1.0 / v;', nanThrough('y')],
  sin: ['let y = Math.sin(v);', 'if (Math.abs(v) == pinf) { y = pnan; }', nanThrough('y')],
  cos: ['let y = Math.cos(v);', 'if (Math.abs(v) == pinf) { y = pnan; }', nanThrough('y')],
  tanh: [
    'let y = 1.0;',
    'if (v < 0.0) { y = -1.0; }',
    'let w = Math.min(Math.max(2.0 * v, -40.0), 40.0);',
    ...expm1('w', 't'),
    'if (Math.abs(v) < 9.0) { y = t / (t + 2.0); }',
    nanThrough('y'),
  ],
  sigmoid: ['let y = 1.0 / (1.0 + Math.exp(-v));', 'if (v == pinf) { y = 1.0; }', 'if (v == -pinf) { y = 0.0; }', nanThrough('y')],
  // Abramowitz & Stegun 7.1.26, |error| < 1.5e-7.
  erf: [
    'let ax = Math.abs(v);',
    'let t = 1.0 / (1.0 + 0.3275911 * ax);',
    'let poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;',
    'let y = 1.0 - poly * Math.exp(-ax * ax);',
    'if (ax == pinf) { y = 1.0; }',
    'if (v < 0.0) { y = -y; }',
    nanThrough('y'),
  ],
  floor: ['let y = Math.floor(v);', nanThrough('y')],
  ceil: ['let y = Math.ceil(v);', nanThrough('y')],
  // Half to even, as PyTorch rounds; floats of 2^23 and beyond are already integers.
  round: [
    'let y = Math.floor(v);',
    'let d = v - y;',
    'if (d > 0.5) { y = y + 1.0; }',
    'if (d == 0.5) { if (y - 2.0 * Math.floor(y * 0.5) == 1.0) { y = y + 1.0; } }',
    'if (Math.abs(v) == pinf) { y = v; }',
    nanThrough('y'),
  ],
  isnan: ['let y = 0.0;', `if (${isNan('v')}) { y = 1.0; }`],
  logicalNot: ['let y = 0.0;', 'if (v == 0.0) { y = 1.0; }'],
};

/** Statements computing `y` from `v` for a unary op. */
export function unarySnippet(op: UnaryOp): string[] {
  return UNARY[op];
}

/** True for the ops `unarySnippet` knows (guards against strings from untyped callers). */
export function isUnaryOp(op: string): op is UnaryOp {
  return Object.hasOwn(UNARY, op);
}

const cmp = (cond: string): string[] => ['let y = 0.0;', `if (${cond}) { y = 1.0; }`];
const truthy = (x: string): string => `!(${x} == 0.0)`;

// Integer division truncating toward zero, made exact by correcting the rounded quotient.
const INT_DIV = [
  'let aa = Math.abs(a);',
  'let ab = Math.abs(b);',
  'let q = Math.floor((aa + 0.5) / ab);',
  'let r = aa - q * ab;',
  'if (r < 0.0) { q = q - 1.0; }',
  'if (r >= ab) { q = q + 1.0; }',
  'let y = q;',
  'if (a * b < 0.0) { y = -q; }',
  'if (b == 0.0) { y = 0.0; }',
];

// Integer powers by repeated squaring: exact while the result fits float32's 2^24.
const INT_POW = [
  'let y = 1.0;',
  'let base = a;',
  'let e = b;',
  'for (let k = 0; k < 31; k++) { if (e > 0.0) { if (e - 2.0 * Math.floor(e * 0.5) == 1.0) { y = y * base; } base = base * base; e = Math.floor(e * 0.5); } }',
  'if (b < 0.0) { y = 0.0; if (a == 1.0) { y = 1.0; } if (a == -1.0) { y = 1.0; if (b - 2.0 * Math.floor(b * 0.5) == 1.0) { y = -1.0; } } }',
];

// C99 / IEEE-754 pow, edge by edge: shader pow is exp2(b·log2 a), defined only for a > 0.
// The sign of a zero divisor (`1 / a < 0`) tells -0 from +0.
const POW = [
  'let y = Math.pow(Math.abs(a), b);',
  'let odd = 0.0;',
  'if (Math.abs(b) < pinf) { if (Math.floor(b) == b) { if (b - 2.0 * Math.floor(b * 0.5) == 1.0) { odd = 1.0; } } }',
  'if (a < 0.0) { if (Math.floor(b) == b) { if (odd == 1.0) { y = -y; } } else { y = pnan; } }',
  'if (a == -pinf) { y = pinf; if (b < 0.0) { y = 0.0; } if (odd == 1.0) { y = -y; } }',
  'if (a == 0.0) { y = 0.0; if (b < 0.0) { y = pinf; } if (odd == 1.0) { if (1.0 / a < 0.0) { y = -y; } } }',
  'if (a == -1.0) { if (Math.abs(b) == pinf) { y = 1.0; } }',
  `if (${isNan('a')}) { y = a; }`,
  `if (${isNan('b')}) { y = b; }`,
  'if (b == 0.0) { y = 1.0; }',
  'if (a == 1.0) { y = 1.0; }',
];

const BINARY: Record<BinaryOp, string[]> = {
  add: ['let y = a + b;'],
  sub: ['let y = a - b;'],
  mul: ['let y = a * b;'],
  div: ['let y = a / b;'],
  pow: POW,
  maximum: ['let y = a;', 'if (b > a) { y = b; }', `if (${isNan('b')}) { y = b; }`, `if (${isNan('a')}) { y = a; }`],
  minimum: ['let y = a;', 'if (b < a) { y = b; }', `if (${isNan('b')}) { y = b; }`, `if (${isNan('a')}) { y = a; }`],
  eq: cmp('a == b'),
  ne: ['let y = 1.0;', 'if (a == b) { y = 0.0; }'],
  lt: cmp('a < b'),
  le: cmp('a <= b'),
  gt: cmp('a > b'),
  ge: cmp('a >= b'),
  logicalAnd: cmp(`${truthy('a')} && ${truthy('b')}`),
  logicalOr: cmp(`${truthy('a')} || ${truthy('b')}`),
};

/**
 * Statements computing `y` from `a` and `b`. Integer operands divide with truncation toward
 * zero and raise to powers by repeated squaring (a float pow is off by a few ulps), as
 * integers do in PyTorch (negative powers give 0, or ±1 for ±1).
 */
export function binarySnippet(op: BinaryOp, inDtype: DType): string[] {
  if (inDtype !== 'int32') return BINARY[op];
  if (op === 'div') return INT_DIV;
  if (op === 'pow') return INT_POW;
  return BINARY[op];
}

/** True for the ops `binarySnippet` knows. */
export function isBinaryOp(op: string): op is BinaryOp {
  return Object.hasOwn(BINARY, op);
}
