import { Generator } from '@nnkit/core';
import { manualSeed, memory, randn, tensor, tidy, type Tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { noGrad } from './grad-mode.js';

/** Two interleaved spirals-ish blobs: class = sign of x0·x1 (XOR-like, needs a hidden layer). */
function dataset(n: number, seed: number) {
  const g = new Generator(seed);
  const xs = new Float32Array(n * 2);
  const ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = g.nextFloat() * 2 - 1;
    const b = g.nextFloat() * 2 - 1;
    xs[2 * i] = a;
    xs[2 * i + 1] = b;
    ys[i] = a * b > 0 ? 1 : 0;
  }
  return { x: tensor(xs, { shape: [n, 2] }), y: tensor(ys, { shape: [n, 1] }) };
}

function mlp() {
  manualSeed(0);
  const params = {
    w1: randn([2, 16], { std: 0.8, requiresGrad: true }),
    b1: randn([16], { std: 0.1, requiresGrad: true }),
    w2: randn([16, 1], { std: 0.5, requiresGrad: true }),
    b2: randn([1], { std: 0.1, requiresGrad: true }),
  };
  const forward = (x: Tensor) => x.matmul(params.w1).add(params.b1).tanh().matmul(params.w2).add(params.b2);
  /** Binary cross entropy from logits, written out: softplus(z) − y·z. */
  const loss = (x: Tensor, y: Tensor) => tidy(() => { const z = forward(x); return z.softplus().sub(y.mul(z)).mean(); });
  const step = (x: Tensor, y: Tensor, lr: number) => {
    const l = loss(x, y);
    l.backward();
    const value = l.itemSync();
    l.dispose();
    noGrad(() => {
      for (const p of Object.values(params)) {
        const next = tidy(() => p.sub(p.grad!.mul(lr)));
        p.copy_(next);
        next.dispose();
        p.grad!.dispose();
        p.grad = null;
      }
    });
    return value;
  };
  return { params, forward, step };
}

describe('a hand-written 2-layer MLP', () => {
  it('trains by plain gradient descent on a synthetic problem', async () => {
    const { x, y } = dataset(256, 1);
    const test = dataset(256, 2);
    const { forward, step } = mlp();
    const first = step(x, y, 0.5);
    let last = first;
    for (let i = 0; i < 300; i++) last = step(x, y, 0.5);
    expect(last).toBeLessThan(first * 0.5);
    const acc = tidy(() => noGrad(() => forward(test.x).gt(0).eq(test.y.gt(0.5)).to('float32').mean().itemSync()));
    expect(acc).toBeGreaterThan(0.9);
  });

  it('leaks nothing: the live tensor count is the same after 1,000 steps', () => {
    const { x, y } = dataset(32, 3);
    const { step } = mlp();
    step(x, y, 0.1);
    const before = memory();
    for (let i = 0; i < 1000; i++) step(x, y, 0.1);
    const after = memory();
    expect(after.tensors).toBe(before.tensors);
    expect(after.buffers).toBe(before.buffers);
    expect(after.bytes).toBe(before.bytes);
  });
});
