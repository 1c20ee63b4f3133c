import { DTypeError, ShapeError, ValueError } from '@nnkit/core';
import { check, expectData, expectEqual, expectThrows, tensor, values, view } from './harness.js';

/** copy, assign, gather, scatterAdd. */
export const indexChecks = [
  check('copy makes transposed, sliced and broadcast views contiguous', async (b) => {
    const x = b.upload([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'float32'); // [3,4]
    await expectData(b, b.copy(view(x, [4, 3], [1, 4])), [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], 'transpose');
    await expectData(b, b.copy(view(x, [2, 2], [4, 1], 5)), [5, 6, 9, 10], 'slice');
    await expectData(b, b.copy(view(x, [2, 2, 2], [0, 8, 1], 1)), [1, 2, 9, 10, 1, 2, 9, 10], 'broadcast');
    await expectData(b, b.copy(view(x, [], [], 7)), [7], 'scalar');
    expectEqual(await values(b, b.copy(view(b.upload([3, 4], 'int32'), [2, 2], [1, 0]))), [3, 3, 4, 4], 'int32');
  }),
  check('copy indexes exactly across a million elements', async (b) => {
    const rows = 1024;
    const cols = 1021;
    const x = b.upload(Float32Array.from({ length: rows * cols }, (_, i) => i), 'float32');
    const t = await b.read(b.copy(view(x, [cols, rows], [1, cols])));
    for (const [r, c] of [[0, 0], [1020, 1023], [517, 3], [3, 1000], [1020, 0]] as const) {
      if (t[r * rows + c] !== c * cols + r) throw new Error(`transpose[${r}][${c}] = ${t[r * rows + c]}, want ${c * cols + r}`);
    }
  }),
  check('assign writes into a strided region and keeps earlier results', async (b) => {
    const x = b.upload([0, 0, 0, 0, 0, 0, 0, 0, 0], 'float32'); // [3,3]
    const before = b.copy(view(x, [9]));
    b.assign(view(x, [3], [3], 1), tensor(b, [1, 2, 3])); // column 1
    b.assign(view(x, [2], [3], 5), view(b.upload([7], 'float32'), [2], [0])); // rows 1–2 of column 2, broadcast source
    await expectData(b, x, [0, 1, 0, 0, 2, 7, 0, 3, 7]);
    await expectData(b, before, [0, 0, 0, 0, 0, 0, 0, 0, 0], 'a copy made before the assign');
    b.assign(view(x, [3], [1], 0), view(x, [3], [3], 1)); // row 0 ← column 1, reading the old values
    await expectData(b, x, [1, 2, 3, 0, 2, 7, 0, 3, 7]);
    const i = b.upload([1, 2, 3, 4], 'int32');
    b.assign(view(i, [2], [2], 1), tensor(b, [-5.9, 8.2]));
    expectEqual(await values(b, i), [1, -5, 3, 8], 'float into int32 truncates');
    expectThrows(() => b.assign(view(x, [3], [1]), tensor(b, [1, 2])), ShapeError, '[2]', '[3]');
    expectThrows(() => b.assign(view(x, [2, 2], [1, 1]), tensor(b, [1, 2, 3, 4], [2, 2])), ValueError, 'overlaps');
  }),
  check('gather follows torch.gather along either axis', async (b) => {
    const x = tensor(b, [1, 2, 3, 4], [2, 2]);
    const idx = tensor(b, [0, 0, 1, 0], [2, 2], 'int32');
    await expectData(b, b.gather(x, 1, idx), [1, 1, 4, 3], 'axis 1');
    await expectData(b, b.gather(x, 0, idx), [1, 2, 3, 2], 'axis 0');
    // an index smaller than the input, and a transposed input
    const small = tensor(b, [1, 0, 2], [1, 3], 'int32');
    const xt = view(tensor(b, [10, 20, 30, 40, 50, 60], [2, 3]).data, [3, 2], [1, 3]); // [[10,40],[20,50],[30,60]]
    await expectData(b, b.gather(xt, 0, view(small.data, [3, 1], [1, 3])), [20, 10, 30], 'column gather of a transpose');
    expectEqual(await values(b, b.gather(x, 1, tensor(b, [2, -1], [2, 1], 'int32'))), [NaN, NaN], 'out of range reads NaN');
    expectThrows(() => b.gather(x, 1, tensor(b, [0, 1], [2], 'int32')), ShapeError, 'rank');
    expectThrows(() => b.gather(x, 1, tensor(b, [0, 1], [2, 1])), DTypeError, 'int32');
    expectThrows(() => b.gather(x, 1, tensor(b, [0, 0, 0], [3, 1], 'int32')), ShapeError, 'larger');
  }),
  check('scatterAdd follows torch.scatter_add, duplicates included', async (b) => {
    const x = b.full(15, 0, 'float32');
    const idx = tensor(b, [0, 1, 2, 0, 0, 2, 0, 0, 1, 2], [2, 5], 'int32');
    const src = view(b.full(10, 1, 'float32'), [2, 5]);
    const out = b.scatterAdd(view(x, [3, 5]), 0, idx, src);
    await expectData(b, out, [1, 1, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    const dup = b.scatterAdd(tensor(b, [10, 20]), 0, tensor(b, [0, 0, 1], [3], 'int32'), tensor(b, [1, 2, 3]));
    await expectData(b, dup, [13, 23]);
    // along axis 1 with an index narrower than x and a src wider than the index
    const y = b.scatterAdd(tensor(b, [0, 0, 0, 0, 0, 0], [2, 3]), 1, tensor(b, [2, 2], [2, 1], 'int32'), tensor(b, [5, 9, 6, 9], [2, 2]));
    await expectData(b, y, [0, 0, 5, 0, 0, 6]);
    expectThrows(() => b.scatterAdd(tensor(b, [0, 0]), 0, tensor(b, [0], [1], 'int32'), tensor(b, [1], [1], 'int32')), DTypeError, 'src');
  }),
];
