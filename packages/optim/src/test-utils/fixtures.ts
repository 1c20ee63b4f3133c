// Test-only helpers: float64 parameters, hand-set gradients, and a float64 driver that runs
// an optimizer and a plain-JS reference side by side.
import { tensor, tidy, type Tensor } from '@nnkit/tensor';
import { expect } from 'vitest';

/** A float64 leaf parameter with these values. */
export function param(values: readonly number[], shape: readonly number[] = [values.length]): Tensor {
  return tensor(Float64Array.from(values), { shape, dtype: 'float64', requiresGrad: true });
}

/** Replaces `p.grad` (freeing the old one) with these values. */
export function setGrad(p: Tensor, values: readonly number[]): void {
  p.grad?.dispose();
  p.grad = tensor(Float64Array.from(values), { shape: p.shape, dtype: 'float64' });
}

/** The values of `t` as plain numbers. */
export function read(t: Tensor): number[] {
  return Array.from(t.dataSync());
}

/** Element-wise |a − b| ≤ tol · max(1, |b|). */
export function expectClose(actual: readonly number[], expected: readonly number[], tol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    const b = expected[i];
    if (!(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)))) {
      throw new Error(`element ${i}: got ${a}, expected ${b} (tolerance ${tol})`);
    }
  });
}

/** The gradient the tests feed in at step `t` for parameter `k`: depends on θ, so state matters. */
export function gradient(theta: readonly number[], k: number, t: number): number[] {
  return theta.map((x, i) => 0.5 * x + Math.sin(1 + i + 3 * k + 0.7 * t) - 0.2);
}

/** Two parameters of different shapes; the starting values of `run` and the reference. */
export const START: readonly (readonly number[])[] = [
  [0.5, -1.25, 2, 0.125, -0.75, 1.5],
  [-0.3, 0.9],
];
export const SHAPES: readonly (readonly number[])[] = [[2, 3], [2]];

/** A reference optimizer in plain JS: `step(theta, grad, state)` updates theta in place. */
export type Reference<S> = { init: (n: number) => S; step: (theta: number[], grad: readonly number[], state: S, t: number) => void };

/** Runs `steps` steps of the reference on START and returns the final values. */
export function runReference<S>(ref: Reference<S>, steps: number): number[][] {
  const thetas = START.map((v) => [...v]);
  const states = thetas.map((th) => ref.init(th.length));
  for (let t = 1; t <= steps; t++) thetas.forEach((th, k) => ref.step(th, gradient(th, k, t), states[k], t));
  return thetas;
}

/** Runs `steps` steps of `makeOptimizer(params)` on START with the same gradients. */
export function runOptimizer(makeOptimizer: (params: Tensor[]) => { step(): void; zeroGrad(): void; dispose(): void }, steps: number): number[][] {
  const params = START.map((v, k) => param(v, SHAPES[k]));
  const opt = makeOptimizer(params);
  for (let t = 1; t <= steps; t++) {
    params.forEach((p, k) => setGrad(p, gradient(read(p), k, t)));
    opt.step();
    opt.zeroGrad();
  }
  const out = params.map(read);
  opt.dispose();
  for (const p of params) p.dispose();
  return out;
}

/** Checks that the optimizer and the reference agree after each of 1..steps steps. */
export function expectMatches<S>(makeOptimizer: Parameters<typeof runOptimizer>[0], ref: Reference<S>, steps = 6): void {
  for (let n = 1; n <= steps; n++) {
    const got = runOptimizer(makeOptimizer, n);
    const want = runReference(ref, n);
    got.forEach((g, k) => expectClose(g, want[k]));
  }
}

/**
 * A small least-squares problem with real autograd: `params` are a [3, 2] weight and a [2]
 * bias (float64 unless told), and `backward()` fills their `.grad` from a fixed batch.
 */
export function regression(dtype: 'float32' | 'float64' = 'float64') {
  const w = tensor([[0.3, -0.2], [0.1, 0.4], [-0.5, 0.25]], { dtype, requiresGrad: true });
  const b = tensor([0.05, -0.1], { dtype, requiresGrad: true });
  const x = tensor([[1, 2, -1], [0.5, -1.5, 2], [-2, 0.25, 1], [1.5, 1, 0.5]], { dtype });
  const y = tensor([[1, 0], [0, 1], [-1, 0.5], [2, -1]], { dtype });
  const backward = (): number => {
    const loss = tidy(() => x.matmul(w).add(b).sub(y).square().mean());
    loss.backward();
    const value = loss.itemSync();
    loss.dispose();
    return value;
  };
  const dispose = () => {
    for (const t of [w, b, x, y]) {
      t.grad?.dispose();
      t.dispose();
    }
  };
  return { w, b, params: [w, b], backward, dispose };
}
