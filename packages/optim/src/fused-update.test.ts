import { createCpuBackend } from '@nnkit/backend-cpu';
import type { Backend } from '@nnkit/core';
import { tensor, type Tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, type AdamOptions } from './adam.js';
import { AdamW } from './adamw.js';
import type { Optimizer } from './optimizer.js';
import { SGD, type SGDOptions } from './sgd.js';

type Make = (params: Tensor[]) => Optimizer<never, never>;

/** Runs `steps` steps on two float32 parameters of `backend` with θ-dependent gradients. */
function train(backend: Backend, make: Make, steps: number): { values: Float32Array[]; state: unknown } {
  const params = [[2, 3], [3]].map((shape, k) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = Float32Array.from({ length: n }, (_, i) => Math.sin(1.3 * i + k) * 1.5);
    return tensor(values, { shape, dtype: 'float32', backend, requiresGrad: true });
  });
  const opt = make(params);
  for (let t = 1; t <= steps; t++) {
    for (const [k, p] of params.entries()) {
      const theta = p.dataSync();
      p.grad = tensor(theta.map((x, i) => 0.5 * x + Math.cos(i + 3 * k + 0.7 * t) - 0.2), { shape: p.shape, dtype: 'float32', backend });
    }
    opt.step();
    opt.zeroGrad();
  }
  const values = params.map((p) => p.dataSync() as Float32Array);
  const state = JSON.parse(JSON.stringify(opt.stateDict(), (_, v: unknown) => (v instanceof Object && 'dataSync' in v ? Array.from((v as Tensor).dataSync()) : v)));
  opt.dispose();
  params.forEach((p) => p.dispose());
  return { values, state };
}

/** A WebAssembly CPU backend whose in-place optimizer kernels count their calls. */
function countingBackend(): { backend: Backend; calls: () => number } {
  const inner = createCpuBackend();
  let calls = 0;
  const fused = { ...inner.fused };
  for (const name of ['sgdStep', 'adamStep'] as const) {
    const kernel = inner.fused?.[name] as ((...a: unknown[]) => void) | undefined;
    if (kernel) (fused as Record<string, unknown>)[name] = (...a: unknown[]) => (calls++, kernel.apply(inner.fused, a));
  }
  return { backend: { ...inner, fused }, calls: () => calls };
}

describe('fused in-place optimizer steps', () => {
  const sgd: [string, Partial<SGDOptions>][] = [
    ['plain', { lr: 0.1 }],
    ['momentum', { lr: 0.1, momentum: 0.9 }],
    ['dampening + weight decay', { lr: 0.05, momentum: 0.8, dampening: 0.3, weightDecay: 0.01 }],
    ['nesterov + maximize', { lr: 0.05, momentum: 0.9, nesterov: true, maximize: true }],
  ];
  const adam: [string, Partial<AdamOptions>][] = [
    ['defaults', { lr: 0.01 }],
    ['weight decay + amsgrad', { lr: 0.01, weightDecay: 0.1, amsgrad: true }],
    ['maximize', { lr: 0.02, betas: [0.8, 0.99], eps: 1e-6, maximize: true }],
  ];
  const cases: [string, Make][] = [
    ...sgd.map(([n, o]): [string, Make] => [`SGD ${n}`, (p) => new SGD(p, o) as unknown as Optimizer<never, never>]),
    ...adam.map(([n, o]): [string, Make] => [`Adam ${n}`, (p) => new Adam(p, o) as unknown as Optimizer<never, never>]),
    ...adam.map(([n, o]): [string, Make] => [`AdamW ${n}`, (p) => new AdamW(p, o) as unknown as Optimizer<never, never>]),
  ];
  for (const [name, make] of cases) {
    it(`${name}: the same float32 numbers and state as the composed update, bit for bit`, () => {
      const { backend, calls } = countingBackend();
      const fused = train(backend, make, 5);
      const composed = train(createCpuBackend({ wasm: false }), make, 5);
      expect(calls()).toBe(10);
      fused.values.forEach((v, k) => expect(Array.from(v)).toEqual(Array.from(composed.values[k])));
      expect(fused.state).toEqual(composed.state);
    });
  }

  it('composes instead when a parameter is not float32', () => {
    const { backend, calls } = countingBackend();
    const p = tensor([1, 2, 3], { dtype: 'float64', backend, requiresGrad: true });
    const opt = new SGD([p], { lr: 0.5, momentum: 0.9 });
    p.grad = tensor([1, 1, 1], { dtype: 'float64', backend });
    opt.step();
    expect(calls()).toBe(0);
    expect(Array.from(p.dataSync())).toEqual([0.5, 1.5, 2.5]);
  });

  it('updates the parameter in place: views of it see the new values, as in PyTorch', () => {
    const backend = createCpuBackend();
    const p = tensor([1, 2, 3, 4], { shape: [2, 2], dtype: 'float32', backend, requiresGrad: true });
    const row = p.detach().select(0, 1);
    const opt = new SGD([p], { lr: 1 });
    p.grad = tensor([[1, 1], [1, 1]], { dtype: 'float32', backend });
    opt.step();
    expect(Array.from(row.dataSync())).toEqual([2, 3]);
  });
});
