import * as T from '@nnkit/tensor';
import { DOMAINS, generatorFor } from '../domains.js';
import { valuesInput, type InputSpec, type Layout } from '../samples.js';
import { floatInput, type GradSpec } from './gradient-case.js';
import { MATMUL_PAIRS as FORWARD_PAIRS, type Operand } from './linalg.js';

/*
 * Gradient cases of matmul (PyTorch's 1-d promotion, batch broadcasting, views), linear
 * (with and without bias and relu, which takes the backend's fused path when it declares
 * one) and softmaxCrossEntropy (fused path likewise).
 */

/**
 * The forward section's matmul pairs, less the empty ones (nothing to differentiate) and the
 * long inner dim (finite differences over 1,500 inputs would dominate the run).
 */
const MATMUL_PAIRS = FORWARD_PAIRS.filter(([, [, sa], [, sb]]) => [...sa, ...sb].every((d) => d > 0 && d <= 64));

/** Generous √n count for matmul gradients: sums over the other operand's free dim and the batch. */
const MATMUL_COMBINED = 24;

function matmulSpecs(): GradSpec[] {
  return MATMUL_PAIRS.map(([sample, [la, sa], [lb, sb]]) => ({
    op: 'matmul',
    sample,
    inputs: [floatInput(la, sa, DOMAINS.real, `∂matmul/${sample}/a`), floatInput(lb, sb, DOMAINS.real, `∂matmul/${sample}/b`)],
    fn: ([a, b]) => T.matmul(a, b),
    combined: MATMUL_COMBINED,
  }));
}

const LINEAR_CASES: readonly [string, Operand, Operand, Operand | null, 'none' | 'relu'][] = [
  ['2-d with bias', ['contiguous', [4, 5]], ['contiguous', [3, 5]], ['contiguous', [3]], 'none'],
  ['no bias', ['contiguous', [4, 5]], ['contiguous', [3, 5]], null, 'none'],
  ['relu', ['contiguous', [4, 5]], ['contiguous', [3, 5]], ['contiguous', [3]], 'relu'],
  ['1-d input', ['contiguous', [5]], ['contiguous', [3, 5]], ['contiguous', [3]], 'none'],
  ['3-d input', ['contiguous', [2, 4, 5]], ['contiguous', [3, 5]], ['contiguous', [3]], 'none'],
  ['transposed weight, strided input and bias, relu', ['strided', [4, 5]], ['transposed', [3, 5]], ['strided', [3]], 'relu'],
];

function linearSpecs(): GradSpec[] {
  return LINEAR_CASES.map(([sample, x, w, b, act]) => {
    const inputs = [floatInput(x[0], x[1], DOMAINS.real, `∂linear/${sample}/x`), floatInput(w[0], w[1], DOMAINS.real, `∂linear/${sample}/w`)];
    if (b) inputs.push(floatInput(b[0], b[1], DOMAINS.real, `∂linear/${sample}/b`));
    return { op: 'linear', sample, inputs, fn: ([p, q, r]) => T.linear(p, q, r ?? null, act), combined: MATMUL_COMBINED };
  });
}

/** Class labels in `0..classes-1`, seeded. */
export function labelsInput(n: number, classes: number, seed: string): InputSpec {
  const g = generatorFor(seed);
  return valuesInput(Array.from({ length: n }, () => g.nextInt(0, classes)), 'int32');
}

/** softmaxCrossEntropy's logits and labels: plain and as views. */
export const CROSS_ENTROPY_INPUTS: readonly [string, Layout, readonly [number, number]][] = [
  ['[4,5]', 'contiguous', [4, 5]],
  ['transposed logits', 'transposed', [6, 3]],
  ['strided logits', 'strided', [3, 7]],
];

function crossEntropySpecs(): GradSpec[] {
  return CROSS_ENTROPY_INPUTS.map(([sample, layout, [n, c]]) => ({
    op: 'softmaxCrossEntropy',
    sample,
    inputs: [floatInput(layout, [n, c], DOMAINS.wide, `∂sce/${sample}`), labelsInput(n, c, `∂sce/${sample}/labels`)],
    fn: ([x, y]) => T.softmaxCrossEntropy(x, y),
    combined: c,
  }));
}

/** Every matmul, linear and cross-entropy gradient case. */
export function linalgGradSpecs(): GradSpec[] {
  return [...matmulSpecs(), ...linearSpecs(), ...crossEntropySpecs()];
}
