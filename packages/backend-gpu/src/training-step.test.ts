// A training step on the GPU backend reads back only the loss: parameters, activations and
// gradients stay on the device between ops.
import { noGrad } from '@nnkit/autograd';
import { CrossEntropyLoss, Linear, ReLU, Sequential } from '@nnkit/nn';
import { SGD } from '@nnkit/optim';
import { getBackend, hasBackend, manualSeed, randn, setBackend, tensor, tidy } from '@nnkit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { createGpuBackend } from './index.js';

describe('training on the GPU backend', () => {
  const previous = hasBackend() ? getBackend() : null;
  const gpu = createGpuBackend();
  setBackend(gpu);
  afterAll(() => {
    if (previous) setBackend(previous);
    gpu.dispose?.();
  });

  it(`reads back only the loss during a step (${gpu.name})`, async () => {
    manualSeed(0);
    const model = new Sequential(new Linear({ inFeatures: 20, outFeatures: 16 }), new ReLU(), new Linear({ inFeatures: 16, outFeatures: 4 }));
    const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const lossFn = new CrossEntropyLoss();
    const x = randn([32, 20]);
    const y = tensor(Int32Array.from({ length: 32 }, (_, i) => i % 4));
    const losses: number[] = [];
    for (let step = 0; step < 5; step++) {
      const before = gpu.readbacks();
      const loss = tidy(() => lossFn.call(model.call(x), y));
      loss.backward();
      opt.step();
      opt.zeroGrad();
      losses.push(await loss.item());
      loss.dispose();
      expect(gpu.readbacks() - before).toBe(1);
    }
    expect(losses.at(-1)).toBeLessThan(losses[0]);
    expect(noGrad(() => model.parameters().every((p) => p.backend === gpu))).toBe(true);
  });
});
