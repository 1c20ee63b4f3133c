import type { AdamStepOptions, DType, SgdStepOptions } from '@nnkit/core';
import * as T from '@nnkit/tensor';
import type { Tensor } from '@nnkit/tensor';
import type { Check, ValueCase } from '../case.js';
import { expectClose } from '../compare.js';
import { declared, supports, type SuiteContext } from '../context.js';
import { DOMAINS, generatorFor } from '../domains.js';
import { FLOATS } from '../dtype-sets.js';
import { softmaxCrossEntropyRef } from '../reference/indexing.js';
import { linearGradRef, linearRef } from '../reference/linalg.js';
import { adamStepRef, sgdStepRef } from '../reference/optimizers.js';
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

/** linearBackward's operands: linear's, plus the output's gradient g `[N, M]`. */
function linearBackwardInputs(dtype: DType): [string, InputSpec, InputSpec, InputSpec, InputSpec | null, Act][] {
  const gen = generatorFor(`fused linearBackward/${dtype}`);
  return linearInputs(dtype).map(([label, x, w, b, act], i) => {
    const shape = [buildReference(x).shape[0], buildReference(w).shape[0]];
    return [label, layoutInput(i === 3 ? 'strided' : 'contiguous', shape, dtype, DOMAINS.real, gen), x, w, b, act];
  });
}

/** linearGrad through the backend's kernel (or composed, with `allowFused: false`). */
function runLinearGrad([g, x, w, b]: readonly Tensor[], act: Act, allowFused = true): Tensor[] {
  return T.tidy(() => {
    const out = act === 'relu' ? T.linear(x, w, b ?? null, act) : null;
    return T.linearGrad(g, x, w, out, act, [true, true, true], { allowFused }) as Tensor[];
  });
}

function linearBackwardCases(dtype: DType): ValueCase[] {
  return linearBackwardInputs(dtype).map(([label, g, x, w, b, act]) => ({
    name: `fused linearBackward · ${dtype} · ${label}${act === 'relu' ? ' (relu)' : ''}`, op: 'fused linearBackward', dtype,
    inputs: b ? [g, x, w, b] : [g, x, w],
    run: (t) => runLinearGrad(t, act),
    expected: ([gr, xr, wr, br]) => linearGradRef(gr, xr, wr, br ?? null, act),
    combined: Math.max(...buildReference(g).shape, buildReference(x).shape[1]) + 1,
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

function compositionChecks(ctx: SuiteContext, name: 'linear' | 'linearBackward' | 'softmaxCrossEntropy', dtype: DType): Check[] {
  if (name === 'linearBackward') {
    return linearBackwardInputs(dtype).map(([label, g, x, w, b, act]) => ({
      name: `fused linearBackward = where + matmul + sum · ${dtype} · ${label}${act === 'relu' ? ' (relu)' : ''}`,
      run: () => T.tidy(async () => {
        const inputs = [g, x, w, ...(b ? [b] : [])].map((spec) => buildTensor(spec).tensor);
        const composed = runLinearGrad(inputs, act, false);
        const fused = runLinearGrad(inputs, act);
        const combined = Math.max(...inputs[0].shape, inputs[1].shape[1]) + 1;
        for (const [i, what] of ['dx', 'dw', 'db'].entries()) await agree(ctx, `linearBackward ${label} ${what}`, fused[i], composed[i], combined);
      }),
    }));
  }
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

const SGD_OPTIONS: [string, SgdStepOptions][] = [
  ['plain', { lr: 0.1, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, first: false }],
  ['momentum, first step', { lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, first: true }],
  ['momentum + dampening + weight decay', { lr: 0.05, momentum: 0.8, dampening: 0.3, weightDecay: 0.01, nesterov: false, maximize: false, first: false }],
  ['nesterov + maximize', { lr: 0.05, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: true, maximize: true, first: false }],
];

const ADAM_OPTIONS: [string, AdamStepOptions][] = [
  ['adam, step 1', { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupled: false, amsgrad: false, maximize: false, step: 1 }],
  ['adam + L2 + amsgrad, step 7', { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, decoupled: false, amsgrad: true, maximize: false, step: 7 }],
  ['adamw + maximize, step 3', { lr: 0.02, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.05, decoupled: true, amsgrad: false, maximize: true, step: 3 }],
];

/** Values for an in-place step's operands; `positive` for second moments. */
function stepValues(seed: number, n: number, positive = false): number[] {
  return Array.from({ length: n }, (_, i) => {
    const v = Math.sin(seed * 7.1 + i * 1.7) * 1.5;
    return positive ? v * v * 0.01 : v;
  });
}

/**
 * A float32 tensor holding `values` in elements 2..n+1 of a longer buffer, so that the kernel
 * must honour the view's offset and leave the elements around it alone.
 */
function windowed(ctx: SuiteContext, values: readonly number[]): { tensor: Tensor; whole: Tensor } {
  const whole = T.tensor([-7, -7, ...values, -7], { dtype: 'float32', backend: ctx.backend });
  return { tensor: T.narrow(whole, 0, 2, values.length), whole };
}

async function expectWindow(ctx: SuiteContext, what: string, w: { tensor: Tensor; whole: Tensor }, want: readonly number[]): Promise<void> {
  await expectClose(w.tensor, NdArray.of(want, [want.length], 'float32'), toleranceFor(ctx.tolerances, 'float32', 4), what);
  const all = await w.whole.data();
  if (all[0] !== -7 || all[1] !== -7 || all[all.length - 1] !== -7) throw new Error(`${what}: wrote outside the view (${Array.from(all).join(', ')})`);
}

function optimizerStepChecks(ctx: SuiteContext, name: 'sgdStep' | 'adamStep'): Check[] {
  const n = 37; // not a multiple of a SIMD width
  if (name === 'sgdStep') {
    return SGD_OPTIONS.map(([label, o]) => ({
      name: `fused sgdStep in place · float32 · ${label}`,
      run: () => T.tidy(async () => {
        const [p, g, b] = [stepValues(1, n), stepValues(2, n), stepValues(3, n)];
        const want = sgdStepRef(p, g, o.momentum === 0 ? null : b, o);
        const [tp, tb] = [windowed(ctx, p), windowed(ctx, b)];
        const tg = T.tensor(g, { dtype: 'float32', backend: ctx.backend });
        if (!T.fusedSgdStep_(tp.tensor, tg, o.momentum === 0 ? null : tb.tensor, o)) throw new Error('sgdStep: the fused step did not run');
        await expectWindow(ctx, `sgdStep ${label}: parameter`, tp, want.p);
        if (want.buf) await expectWindow(ctx, `sgdStep ${label}: momentum buffer`, tb, want.buf);
      }),
    }));
  }
  return ADAM_OPTIONS.map(([label, o]) => ({
    name: `fused adamStep in place · float32 · ${label}`,
    run: () => T.tidy(async () => {
      const [p, g, m, v, vmax] = [stepValues(4, n), stepValues(5, n), stepValues(6, n), stepValues(7, n, true), stepValues(8, n, true)];
      const want = adamStepRef(p, g, m, v, o.amsgrad ? vmax : null, o);
      const [tp, tm, tv, tmax] = [windowed(ctx, p), windowed(ctx, m), windowed(ctx, v), windowed(ctx, vmax)];
      const tg = T.tensor(g, { dtype: 'float32', backend: ctx.backend });
      if (!T.fusedAdamStep_(tp.tensor, tg, tm.tensor, tv.tensor, o.amsgrad ? tmax.tensor : null, o)) throw new Error('adamStep: the fused step did not run');
      await expectWindow(ctx, `adamStep ${label}: parameter`, tp, want.p);
      await expectWindow(ctx, `adamStep ${label}: expAvg`, tm, want.m);
      await expectWindow(ctx, `adamStep ${label}: expAvgSq`, tv, want.v);
      if (want.vmax) await expectWindow(ctx, `adamStep ${label}: maxExpAvgSq`, tmax, want.vmax);
    }),
  }));
}

/**
 * For each fast path the backend declares: its results against the oracle, and against the
 * composition of primitives that tensor would use without it. The in-place optimizer steps are
 * checked against the float64 update, on a window of a longer buffer.
 */
export const fastPathsSection: Section = {
  name: 'fast paths',
  valueCases: (ctx) => declared(ctx, FLOATS).flatMap((d) => [
    ...(ctx.backend.capabilities.fastPaths.includes('linear') ? linearCases(d) : []),
    ...(ctx.backend.capabilities.fastPaths.includes('linearBackward') ? linearBackwardCases(d) : []),
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
      .filter((name) => name === 'linear' || name === 'linearBackward' || (name === 'softmaxCrossEntropy' && supports(ctx, 'int32')))
      .flatMap((name) => compositionChecks(ctx, name as 'linear' | 'linearBackward' | 'softmaxCrossEntropy', d))),
    ...(supports(ctx, 'float32') ? ctx.backend.capabilities.fastPaths : [])
      .filter((name) => name === 'sgdStep' || name === 'adamStep')
      .flatMap((name) => optimizerStepChecks(ctx, name as 'sgdStep' | 'adamStep')),
  ],
};
