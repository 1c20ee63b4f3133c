import { DTypeError, ShapeError, type UnaryOp } from '@nnkit/core';
import { check, expectClose, expectData, expectEqual, expectThrows, tensor, values, view } from './harness.js';

const X = [-2.5, -1, -0.5, 0, 0.5, 1, 1.5, 2.5, 3];

// float64 references, hand-checked where Math has no function (erf, round half to even).
const ERF: Record<string, number> = { '-2.5': -0.999593047982555, '-1': -0.842700792949715, '-0.5': -0.520499877813047, '0': 0, '0.5': 0.520499877813047, '1': 0.842700792949715, '1.5': 0.966105146475311, '2.5': 0.999593047982555, '3': 0.999977909503001 };
const REF: Record<UnaryOp, (v: number) => number> = {
  neg: (v) => -v,
  abs: Math.abs,
  sign: Math.sign,
  exp: Math.exp,
  log: Math.log,
  log1p: Math.log1p,
  expm1: Math.expm1,
  sqrt: Math.sqrt,
  rsqrt: (v) => 1 / Math.sqrt(v),
  reciprocal: (v) => 1 / v,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  erf: (v) => ERF[String(v)],
  floor: Math.floor,
  ceil: Math.ceil,
  round: (v) => ({ '-2.5': -2, '-0.5': -0, '0.5': 0, '1.5': 2, '2.5': 2 })[String(v)] ?? Math.round(v),
  isnan: () => 0,
  logicalNot: (v) => (v === 0 ? 1 : 0),
};

/** Unary, binary, where, cast: values, special values, strides, broadcast, errors. */
export const elementwiseChecks = [
  ...(Object.keys(REF) as UnaryOp[]).map((op) =>
    check(`unary ${op} matches the float64 reference`, async (b) => {
      const out = op === 'isnan' || op === 'logicalNot' ? 'bool' : 'float32';
      await expectData(b, b.unary(op, tensor(b, X), out), X.map(REF[op]), op);
    }),
  ),
  check('unary ops handle NaN, ±Infinity and domain edges', async (b) => {
    const S = [NaN, Infinity, -Infinity, 0, -1];
    const run = async (op: UnaryOp): Promise<Float32Array> => (await b.read(b.unary(op, tensor(b, S), op === 'isnan' ? 'bool' : 'float32'))) as Float32Array;
    // special values must match exactly; finite ones within the declared tolerance
    const expectEqual = (got: Float32Array, want: number[], what: string): void => expectClose(got, want, b.capabilities.tolerance, what);
    expectEqual(await run('exp'), [NaN, Infinity, 0, 1, Math.exp(-1)].map(Math.fround), 'exp');
    expectEqual(await run('log'), [NaN, Infinity, NaN, -Infinity, NaN], 'log');
    expectEqual(await run('sqrt'), [NaN, Infinity, NaN, 0, NaN], 'sqrt');
    expectEqual(await run('rsqrt'), [NaN, 0, NaN, Infinity, NaN], 'rsqrt');
    expectEqual(await run('log1p'), [NaN, Infinity, NaN, 0, -Infinity], 'log1p');
    expectEqual(await run('expm1'), [NaN, Infinity, -1, 0, Math.fround(Math.expm1(-1))], 'expm1');
    expectEqual(await run('tanh'), [NaN, 1, -1, 0, Math.fround(Math.tanh(-1))], 'tanh');
    expectEqual(await run('sigmoid'), [NaN, 1, 0, 0.5, Math.fround(1 / (1 + Math.E))], 'sigmoid');
    expectEqual(await run('isnan'), [1, 0, 0, 0, 0], 'isnan');
    expectEqual(await run('sign'), [NaN, 1, -1, 0, -1], 'sign');
    expectEqual(await run('reciprocal'), [NaN, 0, -0, Infinity, -1], 'reciprocal');
    expectEqual(await run('floor'), [NaN, Infinity, -Infinity, 0, -1], 'floor');
    expectEqual(await run('round'), [NaN, Infinity, -Infinity, 0, -1], 'round');
    expectEqual((await b.read(b.unary('rsqrt', tensor(b, [-0, 0]), 'float32'))) as Float32Array, [-Infinity, Infinity], 'rsqrt of ±0');
  }),
  check('tiny arguments keep their precision in log1p, expm1 and tanh', async (b) => {
    const x = tensor(b, [1e-6, -3e-7]);
    const rel = { rtol: 1e-4, atol: 0 };
    expectClose(await b.read(b.unary('log1p', x, 'float32')), [Math.log1p(1e-6), Math.log1p(-3e-7)], rel, 'log1p');
    expectClose(await b.read(b.unary('expm1', x, 'float32')), [Math.expm1(1e-6), Math.expm1(-3e-7)], rel, 'expm1');
    expectClose(await b.read(b.unary('tanh', x, 'float32')), [Math.tanh(1e-6), Math.tanh(-3e-7)], rel, 'tanh');
  }),
  check('unary reads transposed, offset and broadcast views', async (b) => {
    const x = b.upload([0, 1, 2, 3, 4, 5, 6], 'float32');
    // [[1,2,3],[4,5,6]] at offset 1, read transposed: [[1,4],[2,5],[3,6]]
    await expectData(b, b.unary('neg', view(x, [3, 2], [1, 3], 1), 'float32'), [-1, -4, -2, -5, -3, -6]);
    // one element broadcast to [2, 3] with stride 0
    await expectData(b, b.unary('abs', view(x, [2, 3], [0, 0], 6), 'float32'), [6, 6, 6, 6, 6, 6]);
    // every other element
    await expectData(b, b.unary('neg', view(x, [3], [2], 1), 'float32'), [-1, -3, -5]);
    expectEqual(await values(b, b.unary('exp', view(x, [0, 3], [3, 1]), 'float32')), []);
  }),
  check('binary arithmetic with broadcast and strided operands', async (b) => {
    const a = tensor(b, [1, 2, 3, 4, 5, 6], [2, 3]);
    const row = b.upload([10, 20, 30], 'float32');
    const bRow = view(row, [2, 3], [0, 1]);
    await expectData(b, b.binary('add', a, bRow, 'float32'), [11, 22, 33, 14, 25, 36]);
    await expectData(b, b.binary('sub', a, bRow, 'float32'), [-9, -18, -27, -6, -15, -24]);
    await expectData(b, b.binary('mul', a, bRow, 'float32'), [10, 40, 90, 40, 100, 180]);
    await expectData(b, b.binary('div', a, bRow, 'float32'), [0.1, 0.1, 0.1, 0.4, 0.25, 0.2]);
    const at = view(a.data, [3, 2], [1, 3]);
    const bt = tensor(b, [1, 1, 2, 2, 3, 3], [3, 2]);
    await expectData(b, b.binary('pow', at, bt, 'float32'), [1, 4, 4, 25, 27, 216]);
    await expectData(b, b.binary('div', tensor(b, [1, -1, 0]), tensor(b, [0, 0, 0]), 'float32'), [Infinity, -Infinity, NaN]);
  }),
  check('pow, maximum and minimum follow PyTorch on special values', async (b) => {
    const A = [-2, -2, 0, 0, 2, NaN, 1, -8];
    const B = [3, 0.5, -1, 2, 0, 0, NaN, 1 / 3];
    expectEqual(await values(b, b.binary('pow', tensor(b, A), tensor(b, B), 'float32')), [-8, NaN, Infinity, 0, 1, 1, 1, NaN], 'pow');
    // C99 pow at infinities and signed zeros.
    const A2 = [-Infinity, -Infinity, -0, -1, -1, Infinity, -Infinity, -0.5, 3];
    const B2 = [2.5, -0.5, -1, Infinity, -Infinity, -2, 3, -Infinity, -Infinity];
    expectEqual(await values(b, b.binary('pow', tensor(b, A2), tensor(b, B2), 'float32')), [Infinity, 0, -Infinity, 1, 1, 0, -Infinity, Infinity, 0], 'pow');
    const m1 = [1, NaN, 3, -0.5];
    const m2 = [2, 1, NaN, -1];
    expectEqual(await values(b, b.binary('maximum', tensor(b, m1), tensor(b, m2), 'float32')), [2, NaN, NaN, -0.5], 'maximum');
    expectEqual(await values(b, b.binary('minimum', tensor(b, m1), tensor(b, m2), 'float32')), [1, NaN, NaN, -1], 'minimum');
  }),
  check('comparisons and logical ops give bool', async (b) => {
    const a = tensor(b, [1, 2, 3, NaN]);
    const c = tensor(b, [2, 2, 2, NaN]);
    const cmp = async (op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'): Promise<number[]> => values(b, b.binary(op, a, c, 'bool'));
    expectEqual(await cmp('eq'), [0, 1, 0, 0], 'eq');
    expectEqual(await cmp('ne'), [1, 0, 1, 1], 'ne');
    expectEqual(await cmp('lt'), [1, 0, 0, 0], 'lt');
    expectEqual(await cmp('le'), [1, 1, 0, 0], 'le');
    expectEqual(await cmp('gt'), [0, 0, 1, 0], 'gt');
    expectEqual(await cmp('ge'), [0, 1, 1, 0], 'ge');
    const p = tensor(b, [0, 0, 1, 1], [4], 'bool');
    const q = tensor(b, [0, 1, 0, 1], [4], 'bool');
    expectEqual(await values(b, b.binary('logicalAnd', p, q, 'bool')), [0, 0, 0, 1], 'and');
    expectEqual(await values(b, b.binary('logicalOr', p, q, 'bool')), [0, 1, 1, 1], 'or');
    expectEqual(await values(b, b.unary('logicalNot', p, 'bool')), [1, 1, 0, 0], 'not');
  }),
  check('int32 arithmetic is exact and divides toward zero', async (b) => {
    const a = tensor(b, [7, -7, 7, -7, 9, 1000000], [6], 'int32');
    const c = tensor(b, [2, 2, -2, -2, 3, 7], [6], 'int32');
    expectEqual(await values(b, b.binary('div', a, c, 'int32')), [3, -3, -3, 3, 3, 142857], 'div');
    expectEqual(await values(b, b.binary('add', a, c, 'int32')), [9, -5, 5, -9, 12, 1000007], 'add');
    expectEqual(await values(b, b.binary('mul', a, c, 'int32')), [14, -14, -14, 14, 27, 7000000], 'mul');
    expectEqual(await values(b, b.binary('pow', tensor(b, [3, -2, 5], [3], 'int32'), tensor(b, [4, 3, 9], [3], 'int32'), 'int32')), [81, -8, 1953125], 'pow');
    expectEqual(await values(b, b.unary('neg', a, 'int32')), [-7, 7, -7, 7, -9, -1000000], 'neg');
  }),
  check('binary refuses mismatched shapes and dtypes', async (b) => {
    expectThrows(() => b.binary('add', tensor(b, [1, 2]), tensor(b, [1, 2, 3]), 'float32'), ShapeError, '[2]', '[3]');
    expectThrows(() => b.binary('add', tensor(b, [1]), tensor(b, [1], [1], 'int32'), 'float32'), DTypeError, 'float32', 'int32');
  }),
  check('where selects with a broadcast condition', async (b) => {
    const cond = view(b.upload([1, 0, 1], 'bool'), [2, 3], [0, 1]);
    const x = tensor(b, [1, 2, 3, 4, 5, 6], [2, 3]);
    const y = view(b.upload([-1], 'float32'), [2, 3], [0, 0]);
    await expectData(b, b.where(cond, x, y, 'float32'), [1, -1, 3, 4, -1, 6]);
    expectThrows(() => b.where(x, x, x, 'float32'), DTypeError, 'bool');
  }),
  check('cast truncates toward zero and tests x ≠ 0 for bool', async (b) => {
    const x = tensor(b, [-2.7, -0.5, 0, 0.5, 2.7, NaN]);
    expectEqual(await values(b, b.cast(x, 'int32')), [-2, 0, 0, 0, 2, 0], 'to int32');
    expectEqual(await values(b, b.cast(x, 'bool')), [1, 1, 0, 1, 1, 1], 'to bool');
    expectEqual(await values(b, b.cast(tensor(b, [1, 0, 1], [3], 'bool'), 'float32')), [1, 0, 1], 'bool to float');
    expectEqual(await values(b, b.cast(view(b.upload([5, 6, 7, 8], 'int32'), [2, 2], [1, 2]), 'float32')), [5, 7, 6, 8], 'strided');
  }),
];
