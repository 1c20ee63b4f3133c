import type { DType } from '@nnkit/core';
import { linear, matmul } from '@nnkit/tensor';
import type { ValueCase } from '../case.js';
import { declared, type SuiteContext } from '../context.js';
import { DOMAINS, generatorFor } from '../domains.js';
import { FLOATS, NUMERIC } from '../dtype-sets.js';
import { linearRef, matmulRef } from '../reference/linalg.js';
import { layoutInput, type InputSpec, type Layout } from '../samples.js';
import type { Section } from '../section.js';

/** One matmul operand: its layout and shape. */
export type Operand = readonly [Layout, readonly number[]];

/** matmul operand pairs: PyTorch's 1-d promotion rules, batch broadcasting, views, empty dims. */
export const MATMUL_PAIRS: readonly [string, Operand, Operand][] = [
  ['1-d · 1-d', ['contiguous', [5]], ['contiguous', [5]]],
  ['1-d · 2-d', ['contiguous', [5]], ['contiguous', [5, 3]]],
  ['2-d · 1-d', ['contiguous', [4, 5]], ['contiguous', [5]]],
  ['2-d · 2-d', ['contiguous', [4, 5]], ['contiguous', [5, 3]]],
  ['batched [2,4,5] · [2,5,3]', ['contiguous', [2, 4, 5]], ['contiguous', [2, 5, 3]]],
  ['batch broadcast [2,1,4,5] · [3,5,2]', ['contiguous', [2, 1, 4, 5]], ['contiguous', [3, 5, 2]]],
  ['3-d · 1-d', ['contiguous', [2, 4, 5]], ['contiguous', [5]]],
  ['1-d · 3-d', ['contiguous', [5]], ['contiguous', [2, 5, 3]]],
  ['transposed · transposed', ['transposed', [4, 5]], ['transposed', [5, 3]]],
  ['strided · strided', ['strided', [4, 5]], ['strided', [5, 3]]],
  ['expanded batch · 2-d', ['expanded', [2, 4, 5]], ['contiguous', [5, 3]]],
  ['inner dim 0', ['contiguous', [3, 0]], ['contiguous', [0, 4]]],
  ['no rows', ['contiguous', [0, 5]], ['contiguous', [5, 3]]],
  ['long inner dim 512', ['contiguous', [3, 512]], ['contiguous', [512, 2]]],
];

function input(dtype: DType, [layout, shape]: Operand, name: string): InputSpec {
  return layoutInput(layout, shape, dtype, DOMAINS.real, generatorFor(name));
}

function matmulCases(dtype: DType): ValueCase[] {
  return MATMUL_PAIRS.map(([kind, a, b], i): ValueCase => {
    const name = `matmul · ${dtype} · ${kind}${i === 3 ? ' (method)' : ''}`;
    return {
      name,
      op: 'matmul',
      dtype,
      inputs: [input(dtype, a, `${name}/a`), input(dtype, b, `${name}/b`)],
      run: ([x, y]) => (i === 3 ? x.matmul(y) : matmul(x, y)),
      expected: ([x, y]) => matmulRef(x, y),
      combined: a[1][a[1].length - 1],
    };
  });
}

/** `linear` operands `[x, w, b | null]` and the activation fused after it. */
const LINEAR_CASES: readonly [string, Operand, Operand, Operand | null, 'none' | 'relu'][] = [
  ['2-d with bias', ['contiguous', [4, 5]], ['contiguous', [3, 5]], ['contiguous', [3]], 'none'],
  ['no bias', ['contiguous', [4, 5]], ['contiguous', [3, 5]], null, 'none'],
  ['1-d input', ['contiguous', [5]], ['contiguous', [3, 5]], ['contiguous', [3]], 'none'],
  ['3-d input', ['contiguous', [2, 4, 5]], ['contiguous', [3, 5]], ['contiguous', [3]], 'none'],
  ['transposed weight', ['contiguous', [4, 5]], ['transposed', [3, 5]], ['contiguous', [3]], 'none'],
  ['strided input and bias', ['strided', [4, 5]], ['contiguous', [3, 5]], ['strided', [3]], 'none'],
  ['relu activation', ['contiguous', [4, 5]], ['contiguous', [3, 5]], ['contiguous', [3]], 'relu'],
  ['no rows', ['contiguous', [0, 5]], ['contiguous', [3, 5]], ['contiguous', [3]], 'none'],
];

function linearCases(dtype: DType): ValueCase[] {
  const cases = LINEAR_CASES.map(([kind, x, w, b, activation]): ValueCase => {
    const name = `linear · ${dtype} · ${kind}`;
    const inputs = [input(dtype, x, `${name}/x`), input(dtype, w, `${name}/w`)];
    if (b) inputs.push(input(dtype, b, `${name}/b`));
    return {
      name,
      op: 'linear',
      dtype,
      inputs,
      run: ([p, q, r]) => linear(p, q, r ?? null, activation),
      expected: ([p, q, r]) => linearRef(p, q, r ?? null, activation),
      combined: x[1][x[1].length - 1] + 1,
    };
  });
  const g = generatorFor(`linear/${dtype}/method`);
  cases.push({
    name: `linear · ${dtype} · method x.linear(w, b)`,
    op: 'linear',
    dtype,
    inputs: [[4, 5], [3, 5], [3]].map((shape) => layoutInput('contiguous', shape, dtype, DOMAINS.real, g)),
    run: ([p, q, r]) => p.linear(q, r),
    expected: ([p, q, r]) => linearRef(p, q, r),
    combined: 6,
  });
  return cases;
}

/** matmul (every rank combination, batch broadcast, views, empty dims) and linear. */
export const linalgSection: Section = {
  name: 'linalg',
  valueCases: (ctx: SuiteContext) => [
    ...declared(ctx, NUMERIC).flatMap(matmulCases),
    ...declared(ctx, FLOATS).flatMap(linearCases),
  ],
};
