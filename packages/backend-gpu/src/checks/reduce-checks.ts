import { ShapeError, ValueError } from '@nnkit/core';
import { check, expectClose, expectData, expectEqual, expectThrows, expectTrue, tensor, values, view } from './harness.js';

const M = [1, 2, 3, 4, 5, 6]; // [[1,2,3],[4,5,6]]

/** reduce, argReduce, matmul. */
export const reduceChecks = [
  check('reduce sums, multiplies and takes extremes over any axes', async (b) => {
    const x = tensor(b, M, [2, 3]);
    await expectData(b, b.reduce('sum', x, [0], 'float32'), [5, 7, 9], 'sum axis 0');
    await expectData(b, b.reduce('sum', x, [1], 'float32'), [6, 15], 'sum axis 1');
    await expectData(b, b.reduce('sum', x, [0, 1], 'float32'), [21], 'sum all');
    await expectData(b, b.reduce('prod', x, [1], 'float32'), [6, 120], 'prod');
    await expectData(b, b.reduce('max', x, [0], 'float32'), [4, 5, 6], 'max');
    await expectData(b, b.reduce('min', x, [1], 'float32'), [1, 4], 'min');
    await expectData(b, b.reduce('sum', x, [], 'float32'), M, 'no axes is a copy');
  }),
  check('reduce over a 3-d transposed view and middle axes', async (b) => {
    // x[i][j][k] = i*100 + j*10 + k, shape [2,3,2]; read through a [2,2,3] permutation (0,2,1)
    const vals: number[] = [];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 2; k++) vals.push(i * 100 + j * 10 + k);
    const x = b.upload(vals, 'float32');
    const p = view(x, [2, 2, 3], [6, 1, 2]);
    // sum over the last axis (j): 3*i*100 + 30 + 3*k
    await expectData(b, b.reduce('sum', p, [2], 'float32'), [30, 33, 330, 333]);
    // max over axes 0 and 2: 100 + 20 + k
    await expectData(b, b.reduce('max', p, [0, 2], 'float32'), [120, 121]);
  }),
  check('max and min propagate NaN; sums of bool count', async (b) => {
    const x = tensor(b, [1, NaN, 3, 4, 5, 6], [2, 3]);
    expectEqual(await values(b, b.reduce('max', x, [1], 'float32')), [NaN, 6]);
    expectEqual(await values(b, b.reduce('min', x, [0], 'float32')), [1, NaN, 3]);
    expectEqual(await values(b, b.reduce('sum', tensor(b, [1, 0, 1, 1], [4], 'bool'), [0], 'int32')), [3]);
    expectEqual(await values(b, b.reduce('max', tensor(b, [-Infinity, -Infinity]), [0], 'float32')), [-Infinity]);
  }),
  check('reducing empty axes gives the identity; max of nothing is an error', async (b) => {
    const e = view(b.upload([], 'float32'), [3, 0], [0, 1]);
    expectEqual(await values(b, b.reduce('sum', e, [1], 'float32')), [0, 0, 0]);
    expectEqual(await values(b, b.reduce('prod', e, [1], 'float32')), [1, 1, 1]);
    expectEqual(await values(b, b.reduce('sum', e, [0], 'float32')), []);
    expectThrows(() => b.reduce('max', e, [1], 'float32'), ValueError, 'empty');
    expectThrows(() => b.reduce('sum', tensor(b, M, [2, 3]), [1, 0], 'float32'), ValueError, 'sorted');
  }),
  check('reduce sums long rows accurately', async (b) => {
    const n = 5000;
    const vals = Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 1000);
    const want = vals.reduce((s, v) => s + v, 0);
    expectClose(await b.read(b.reduce('sum', tensor(b, vals), [0], 'float32')), [want], { rtol: 1e-4, atol: 0 });
  }),
  check('argmax and argmin return the first extreme; NaN wins', async (b) => {
    const x = tensor(b, [3, 7, 7, 1, 1, 5], [2, 3]);
    expectEqual(await values(b, b.argReduce('argmax', x, 1)), [1, 2]);
    expectEqual(await values(b, b.argReduce('argmin', x, 1)), [0, 0]);
    expectEqual(await values(b, b.argReduce('argmax', x, 0)), [0, 0, 0]);
    expectEqual(await values(b, b.argReduce('argmin', x, -1)), [0, 0]);
    const n = tensor(b, [1, NaN, 9, NaN], [4]);
    expectEqual(await values(b, b.argReduce('argmax', n, 0)), [1]);
    expectEqual(await values(b, b.argReduce('argmin', n, 0)), [1]);
    const t = view(x.data, [3, 2], [1, 3]); // transposed
    expectEqual(await values(b, b.argReduce('argmax', t, 0)), [1, 2]);
    expectThrows(() => b.argReduce('argmax', x, 2), ValueError, 'axis 2');
    expectThrows(() => b.argReduce('argmax', view(b.upload([], 'float32'), [2, 0], [0, 1]), 1), ValueError, 'empty');
    expectTrue((await b.read(b.argReduce('argmax', x, 1))) instanceof Int32Array, 'int32 indices');
  }),
  check('matmul multiplies, batches and reads transposed operands', async (b) => {
    const a = tensor(b, M, [2, 3]);
    const c = tensor(b, [7, 8, 9, 10, 11, 12], [3, 2]);
    await expectData(b, b.matmul(a, c, 'float32'), [58, 64, 139, 154]);
    // aᵀ·a through a transposed view: [3,2]·[2,3]
    const at = view(a.data, [3, 2], [1, 3]);
    await expectData(b, b.matmul(at, a, 'float32'), [17, 22, 27, 22, 29, 36, 27, 36, 45]);
    // batch of 2 with the right operand broadcast (stride 0)
    const batch = tensor(b, [...M, ...M.map((v) => -v)], [2, 2, 3]);
    const shared = view(c.data, [2, 3, 2], [0, 2, 1]);
    await expectData(b, b.matmul(batch, shared, 'float32'), [58, 64, 139, 154, -58, -64, -139, -154]);
    const i = tensor(b, [1, 2, 3, 4], [2, 2], 'int32');
    expectEqual(await values(b, b.matmul(i, i, 'int32')), [7, 10, 15, 22]);
  }),
  check('matmul with an empty inner dimension gives zeros; mismatches throw', async (b) => {
    const e = b.upload([], 'float32');
    expectEqual(await values(b, b.matmul(view(e, [2, 0]), view(e, [0, 3]), 'float32')), [0, 0, 0, 0, 0, 0]);
    expectThrows(() => b.matmul(tensor(b, M, [2, 3]), tensor(b, M, [2, 3]), 'float32'), ShapeError, 'matmul: cannot multiply [2,3] by [2,3] (inner dimensions 3 and 2 differ)');
    expectThrows(() => b.matmul(tensor(b, M, [6]), tensor(b, M, [6]), 'float32'), ShapeError, 'rank');
  }),
];
