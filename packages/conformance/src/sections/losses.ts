import { DTypeError, ShapeError, type DType } from '@nnkit/core';
import { softmaxCrossEntropy } from '@nnkit/tensor';
import type { ValueCase } from '../case.js';
import { declared, supports, type SuiteContext } from '../context.js';
import { DOMAINS, generatorFor } from '../domains.js';
import { FLOATS } from '../dtype-sets.js';
import { softmaxCrossEntropyRef } from '../reference/indexing.js';
import { buildReference, layoutInput, valuesInput, type InputSpec } from '../samples.js';
import type { Section } from '../section.js';

function labels(n: number, classes: number, name: string): InputSpec {
  const g = generatorFor(name);
  return valuesInput(Array.from({ length: n }, () => g.nextInt(0, classes)), 'int32');
}

/** The logits / labels pairs: plain, views, huge logits, NaN and -Infinity, no rows. */
export function crossEntropyInputs(dtype: DType): [string, InputSpec, InputSpec][] {
  const g = generatorFor(`softmaxCrossEntropy/${dtype}`);
  return [
    ['[4,5]', layoutInput('contiguous', [4, 5], dtype, DOMAINS.wide, g), labels(4, 5, `sce/${dtype}/a`)],
    ['transposed logits', layoutInput('transposed', [6, 3], dtype, DOMAINS.wide, g), labels(6, 3, `sce/${dtype}/b`)],
    ['strided logits', layoutInput('strided', [3, 7], dtype, DOMAINS.wide, g), labels(3, 7, `sce/${dtype}/c`)],
    ['long rows [2,1000]', layoutInput('contiguous', [2, 1000], dtype, DOMAINS.wide, g), labels(2, 1000, `sce/${dtype}/d`)],
    ['huge logits', valuesInput([1e30, 0, -1e30, 1e30, 0, -1e30, 50, -50, 1000], dtype, [3, 3]), valuesInput([0, 2, 2], 'int32')],
    ['NaN and -Infinity logits', valuesInput([1, Number.NaN, 2, -Infinity, 0, 1, -Infinity, 3, 4], dtype, [3, 3]), valuesInput([0, 0, 2], 'int32')],
    ['no rows', layoutInput('contiguous', [0, 4], dtype, DOMAINS.wide, g), valuesInput([], 'int32')],
  ];
}

function crossEntropyCases(dtype: DType): ValueCase[] {
  const cases = crossEntropyInputs(dtype).map(([kind, logits, target]): ValueCase => ({
    name: `softmaxCrossEntropy · ${dtype} · ${kind}`,
    op: 'softmaxCrossEntropy',
    dtype,
    inputs: [logits, target],
    run: ([x, y]) => softmaxCrossEntropy(x, y),
    expected: ([x, y]) => softmaxCrossEntropyRef(x, y),
    combined: buildReference(logits).shape[1],
  }));
  const g = generatorFor(`softmaxCrossEntropy/${dtype}/errors`);
  const logits = layoutInput('contiguous', [4, 5], dtype, DOMAINS.wide, g);
  cases.push({
    name: `softmaxCrossEntropy · ${dtype} · labels of the wrong length`,
    op: 'softmaxCrossEntropy',
    dtype,
    inputs: [logits, labels(3, 5, 'sce/short')],
    run: ([x, y]) => softmaxCrossEntropy(x, y),
    expected: () => ({ throws: ShapeError, mentions: ['softmaxCrossEntropy', '[4,5]', '[3]'] }),
  });
  cases.push({
    name: `softmaxCrossEntropy · ${dtype} · float labels`,
    op: 'softmaxCrossEntropy',
    dtype,
    inputs: [logits, valuesInput([0, 1, 2, 3], dtype)],
    run: ([x, y]) => softmaxCrossEntropy(x, y),
    expected: () => ({ throws: DTypeError, mentions: ['softmaxCrossEntropy', dtype] }),
  });
  return cases;
}

/** softmaxCrossEntropy (per-row logsumexp − logit of the label), fused or composed. */
export const lossesSection: Section = {
  name: 'losses',
  valueCases: (ctx: SuiteContext) => (supports(ctx, 'int32') ? declared(ctx, FLOATS).flatMap(crossEntropyCases) : []),
};
