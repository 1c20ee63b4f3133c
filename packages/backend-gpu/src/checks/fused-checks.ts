import { ShapeError } from '@nnkit/core';
import { check, expectData, expectEqual, expectThrows, expectTrue, tensor, values, view } from './harness.js';

/** The fused fast paths agree with hand-computed compositions. */
export const fusedChecks = [
  check('fused linear computes act(x·wᵀ + b)', async (b) => {
    const fused = b.fused;
    expectTrue(fused?.linear !== undefined && b.capabilities.fastPaths.includes('linear'), 'linear is declared and present');
    const x = tensor(b, [1, 2, 3, 4, 5, 6], [2, 3]);
    const w = tensor(b, [1, 0, -1, 0.5, 0.5, 0.5], [2, 3]);
    const bias = tensor(b, [1, -10]);
    await expectData(b, fused!.linear!(x, w, bias, 'none'), [-1, -7, -1, -2.5]);
    await expectData(b, fused!.linear!(x, w, bias, 'relu'), [0, 0, 0, 0]);
    await expectData(b, fused!.linear!(x, w, null, 'relu'), [0, 3, 0, 7.5]);
    // w given transposed in memory, bias broadcast from one value
    const wt = view(tensor(b, [1, 0.5, 0, 0.5, -1, 0.5], [3, 2]).data, [2, 3], [1, 2]);
    await expectData(b, fused!.linear!(x, wt, view(b.upload([2], 'float32'), [2], [0]), 'none'), [0, 5, 0, 9.5]);
    expectThrows(() => fused!.linear!(x, tensor(b, [1, 2], [1, 2]), null, 'none'), ShapeError, 'linear');
  }),
  check('fused softmaxCrossEntropy is logsumexp minus the label logit', async (b) => {
    const sce = b.fused?.softmaxCrossEntropy;
    expectTrue(sce !== undefined && b.capabilities.fastPaths.includes('softmaxCrossEntropy'), 'declared and present');
    const logits = tensor(b, [1, 2, 3, 1, 1, 1, 1000, 0, -1000], [3, 3]);
    const labels = tensor(b, [2, 0, 1], [3], 'int32');
    await expectData(b, sce!(logits, labels), [0.40760596444438, Math.log(3), 1000]);
    expectEqual(await values(b, sce!(tensor(b, [0, NaN], [1, 2]), tensor(b, [0], [1], 'int32'))), [NaN], 'NaN logits');
    expectThrows(() => sce!(logits, tensor(b, [0, 1], [2], 'int32')), ShapeError, 'labels');
  }),
];
