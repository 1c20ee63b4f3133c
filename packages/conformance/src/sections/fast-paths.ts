import type { DType } from '@nnkit/core';
import * as T from '@nnkit/tensor';
import type { Tensor } from '@nnkit/tensor';
import type { Check, ValueCase } from '../case.js';
import { expectClose } from '../compare.js';
import { declared, supports, type SuiteContext } from '../context.js';
import { DOMAINS, generatorFor } from '../domains.js';
import { FLOATS } from '../dtype-sets.js';
import { softmaxCrossEntropyRef } from '../reference/indexing.js';
import { linearRef } from '../reference/linalg.js';
import { NdArray } from '../reference/ndarray.js';
import { buildReference, buildTensor, layoutInput, type InputSpec } from '../samples.js';
import type { Section } from '../section.js';
import { toleranceFor } from '../tolerance.js';
import { crossEntropyInputs } from './losses.js';

type Act = 'none' | 'relu';

/** 2-d `linear` operands, so that tensor takes the fused path: `[label, x, w, b?, activation]`. */
function linearInputs(dtype: DType): [string, InputSpec, InputSpec, InputSpec | null, Act][] {
  const g = generatorFor(`fused linear/${dtype}`);
  const t = (layout: 'contiguous' | 'transposed' | 'strided', shape: number[]) => layoutInput(layout, shape, dtype, DOMAINS.real, g);
  return [
    ['bias', t('contiguous', [5, 7]), t('contiguous', [3, 7]), t('contiguous', [3]), 'none'],
    ['no bias', t('contiguous', [5, 7]), t('contiguous', [3, 7]), null, 'none'],
    ['relu', t('contiguous', [5, 7]), t('contiguous', [3, 7]), t('contiguous', [3]), 'relu'],
    ['transposed weight, strided input', t('strided', [4, 6]), t('transposed', [2, 6]), t('strided', [2]), 'relu'],
    ['long rows [3,600]', t('contiguous', [3, 600]), t('contiguous', [4, 600]), t('contiguous', [4]), 'none'],
  ];
}

function linearCases(dtype: DType): ValueCase[] {
  return linearInputs(dtype).map(([label, x, w, b, act]) => ({
    name: `fused linear · ${dtype} · ${label}`, op: 'fused linear', dtype,
    inputs: b ? [x, w, b] : [x, w],
    run: ([p, q, r]) => T.linear(p, q, r ?? null, act),
    expected: ([p, q, r]) => linearRef(p, q, r ?? null, act),
    combined: x.shape[x.shape.length - 1] + 1,
  }));
}

function crossEntropyCases(dtype: DType): ValueCase[] {
  return crossEntropyInputs(dtype).map(([label, logits, labels]) => ({
    name: `fused softmaxCrossEntropy · ${dtype} · ${label}`, op: 'fused softmaxCrossEntropy', dtype,
    inputs: [logits, labels],
    run: ([x, y]) => T.softmaxCrossEntropy(x, y),
    expected: ([x, y]) => softmaxCrossEntropyRef(x, y),
    combined: buildReference(logits).shape[1],
  }));
}

/** Fused and composed results agree within the √n-widened tolerance. */
async function agree(ctx: SuiteContext, what: string, fused: Tensor, composed: Tensor, combined: number): Promise<void> {
  const values = await composed.data();
  const want = NdArray.of(values, composed.shape, composed.dtype);
  await expectClose(fused, want, toleranceFor(ctx.tolerances, composed.dtype, combined), `${what}: fused vs composed`);
}

function compositionChecks(ctx: SuiteContext, name: 'linear' | 'softmaxCrossEntropy', dtype: DType): Check[] {
  if (name === 'linear') {
    return linearInputs(dtype).map(([label, x, w, b, act]) => ({
      name: `fused linear = matmul + add${act === 'relu' ? ' + relu' : ''} · ${dtype} · ${label}`,
      run: () => T.tidy(async () => {
        const p = buildTensor(x).tensor;
        const q = buildTensor(w).tensor;
        const r = b ? buildTensor(b).tensor : null;
        const product = T.matmul(p, q.T);
        const withBias = r ? product.add(r) : product;
        const composed = act === 'relu' ? withBias.relu() : withBias;
        await agree(ctx, `linear ${label}`, T.linear(p, q, r, act), composed, p.shape[1] + 1);
      }),
    }));
  }
  return crossEntropyInputs(dtype).map(([label, logits, labels]) => ({
    name: `fused softmaxCrossEntropy = logsumexp − gather · ${dtype} · ${label}`,
    run: () => T.tidy(async () => {
      const [x, y] = [buildTensor(logits).tensor, buildTensor(labels).tensor];
      const composed = T.logsumexp(x, 1).sub(T.gather(x, 1, y.unsqueeze(1)).squeeze(1));
      await agree(ctx, `softmaxCrossEntropy ${label}`, T.softmaxCrossEntropy(x, y), composed, x.shape[1]);
    }),
  }));
}

/**
 * For each fast path the backend declares: its results against the oracle, and against the
 * composition of primitives that tensor would use without it.
 */
export const fastPathsSection: Section = {
  name: 'fast paths',
  valueCases: (ctx) => declared(ctx, FLOATS).flatMap((d) => [
    ...(ctx.backend.capabilities.fastPaths.includes('linear') ? linearCases(d) : []),
    ...(ctx.backend.capabilities.fastPaths.includes('softmaxCrossEntropy') && supports(ctx, 'int32') ? crossEntropyCases(d) : []),
  ]),
  checks: (ctx) => [
    {
      name: `capabilities.fastPaths [${ctx.backend.capabilities.fastPaths.join(', ')}] matches the fused kernels present`,
      run: () => {
        const declaredPaths = [...ctx.backend.capabilities.fastPaths].sort();
        const present = Object.keys(ctx.backend.fused ?? {}).filter((k) => typeof (ctx.backend.fused as Record<string, unknown>)[k] === 'function').sort();
        if (declaredPaths.join() !== present.join()) throw new Error(`declares [${declaredPaths.join(', ')}] but provides [${present.join(', ')}]`);
      },
    },
    ...declared(ctx, FLOATS).flatMap((d) => ctx.backend.capabilities.fastPaths
      .filter((name) => name === 'linear' || supports(ctx, 'int32'))
      .flatMap((name) => compositionChecks(ctx, name, d))),
  ],
};
