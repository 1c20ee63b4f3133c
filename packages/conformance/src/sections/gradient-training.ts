import type { DType } from '@nnkit/core';
import { noGrad } from '@nnkit/autograd';
import * as T from '@nnkit/tensor';
import type { Tensor } from '@nnkit/tensor';
import { expectClose } from '../compare.js';
import type { Check, ValueCase } from '../case.js';
import type { SuiteContext } from '../context.js';
import { DOMAINS } from '../domains.js';
import { NdArray } from '../reference/ndarray.js';
import { buildTensor, type InputSpec } from '../samples.js';
import { toleranceFor } from '../tolerance.js';
import { floatInput, onBackend, vjp, type GradSpec } from './gradient-case.js';
import { CROSS_ENTROPY_INPUTS, labelsInput } from './gradient-linalg.js';

const LR = 0.1;

/**
 * One SGD step of a 2-layer net, `softmaxCrossEntropy(linear(relu(linear(x))))`, as a user
 * writes it: the loss, `p.grad` of every parameter after `loss.backward()`, and the loss after
 * `p - lr · p.grad`. Call it inside `tidy`.
 */
function trainingStep([x, w1, b1, w2, b2, labels]: readonly Tensor[]): Tensor[] {
  const params = [w1, b1, w2, b2];
  for (const p of params) p.requiresGrad_(true);
  const forward = (ps: readonly Tensor[]) => T.softmaxCrossEntropy(T.linear(T.linear(x, ps[0], ps[1], 'relu'), ps[2], ps[3]), labels).mean();
  const loss = forward(params);
  loss.backward();
  const grads = params.map((p) => {
    if (p.grad === null) throw new Error('training step: a parameter got no gradient');
    return p.grad;
  });
  const after = noGrad(() => forward(params.map((p, i) => p.sub(grads[i].mul(LR)))));
  return [loss, ...grads, after];
}

/** The MLP training step on the backend against the same step on the float64 reference. */
export function trainingStepCase(ctx: SuiteContext, dtype: DType): ValueCase {
  const reference = ctx.reference;
  if (reference === null) throw new Error('gradients: the training step needs a float64 reference backend');
  const f = (shape: readonly number[], seed: string) => ({ ...floatInput('contiguous', shape, DOMAINS.small, `mlp/${seed}`), dtype });
  const inputs: InputSpec[] = [f([8, 5], 'x'), f([6, 5], 'w1'), f([6], 'b1'), f([3, 6], 'w2'), f([3], 'b2'), labelsInput(8, 3, 'mlp/labels')];
  return {
    name: `∂ training step of a 2-layer MLP · ${dtype} · loss, p.grad after backward, loss after one SGD step`,
    op: '∂ training step',
    dtype,
    inputs,
    combined: 48,
    run: (ts) => T.tidy(() => trainingStep(ts)),
    expected: (refs) =>
      onBackend(reference, () =>
        T.tidy(() => {
          const ts = refs.map((r) => T.tensor(Float64Array.from(r.toArray()), { shape: r.shape, dtype: r.dtype === 'int32' ? 'int32' : 'float64' }));
          const outs = trainingStep(ts);
          const arrays = outs.map((t) => NdArray.of(t.dataSync(), t.shape, dtype));
          // p.grad outlives tidy (and its parameter): free it as a user must.
          for (const t of outs) t.dispose();
          return arrays;
        }),
      ),
  };
}

/** Gradients through a fused fast path and through the composition of primitives agree. */
function agreeCheck(ctx: SuiteContext, name: string, fused: GradSpec, composed: GradSpec, dtype: DType): Check {
  return {
    name,
    run: () =>
      T.tidy(async () => {
        const bases = (spec: GradSpec) => spec.inputs.map((s) => buildTensor({ ...s, dtype: s.dtype === 'int32' ? 'int32' : dtype, views: undefined }).tensor);
        const a = vjp(fused, name, bases(fused), dtype);
        const b = vjp(composed, name, bases(composed), dtype);
        for (let i = 0; i < a.length; i++) {
          const want = NdArray.of(await b[i].data(), b[i].shape, dtype);
          await expectClose(a[i], want, toleranceFor(ctx.tolerances, dtype, fused.combined), `${name}: gradient ${i}, fused vs composed`);
        }
      }),
  };
}

/** For each declared fast path: its gradients against those of the composition it replaces. */
export function fusedGradientChecks(ctx: SuiteContext, dtype: DType): Check[] {
  const paths = ctx.backend.capabilities.fastPaths;
  const checks: Check[] = [];
  if (paths.includes('linear')) {
    for (const act of ['none', 'relu'] as const) {
      const inputs = [floatInput('contiguous', [4, 6], DOMAINS.real, `fused∂/x`), floatInput('transposed', [3, 6], DOMAINS.real, `fused∂/w`), floatInput('contiguous', [3], DOMAINS.real, `fused∂/b`)];
      const fused: GradSpec = { op: 'linear', sample: act, inputs, fn: ([x, w, b]) => T.linear(x, w, b, act), combined: 24 };
      const composed: GradSpec = { ...fused, fn: ([x, w, b]) => (act === 'relu' ? T.matmul(x, w.T).add(b).relu() : T.matmul(x, w.T).add(b)) };
      checks.push(agreeCheck(ctx, `∂ fused linear = ∂ (matmul + add${act === 'relu' ? ' + relu' : ''}) · ${dtype}`, fused, composed, dtype));
    }
  }
  if (paths.includes('softmaxCrossEntropy') && ctx.dtypes.includes('int32')) {
    for (const [sample, layout, [n, c]] of CROSS_ENTROPY_INPUTS) {
      const inputs = [floatInput(layout, [n, c], DOMAINS.wide, `fused∂sce/${sample}`), labelsInput(n, c, `fused∂sce/${sample}/labels`)];
      const fused: GradSpec = { op: 'softmaxCrossEntropy', sample, inputs, fn: ([x, y]) => T.softmaxCrossEntropy(x, y), combined: c };
      const composed: GradSpec = { ...fused, fn: ([x, y]) => T.logsumexp(x, 1).sub(T.gather(x, 1, y.unsqueeze(1)).squeeze(1)) };
      checks.push(agreeCheck(ctx, `∂ fused softmaxCrossEntropy = ∂ (logsumexp − gather) · ${dtype} · ${sample}`, fused, composed, dtype));
    }
  }
  return checks;
}
