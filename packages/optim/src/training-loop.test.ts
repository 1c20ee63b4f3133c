// The README's example, as a test: SGD with momentum, StepLR and gradient clipping fit a
// linear model with real autograd.
import { manualSeed, memory, randn, tensor, tidy, zeros } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { clipGradNorm } from './clip-grad.js';
import { StepLR } from './schedulers/step-lr.js';
import { SGD } from './sgd.js';

describe('a training loop with SGD + StepLR', () => {
  it('fits y = x·[2, −3] + 0.5, with the rate decaying at epochs 30 and 60, leaking nothing', async () => {
    manualSeed(0);
    const x = randn([256, 2]);
    const y = tidy(() => x.matmul(tensor([[2], [-3]], { dtype: 'float32' })).add(0.5));
    const w = randn([2, 1], { requiresGrad: true });
    const b = zeros([1], { requiresGrad: true });

    const opt = new SGD([w, b], { lr: 0.2, momentum: 0.5 });
    const sched = new StepLR(opt, { stepSize: 30, gamma: 0.1 });
    const lrs: number[] = [];
    let live = 0;
    for (let epoch = 0; epoch < 90; epoch++) {
      const loss = tidy(() => x.matmul(w).add(b).sub(y).square().mean());
      loss.backward();
      clipGradNorm([w, b], 10).dispose();
      opt.step();
      opt.zeroGrad();
      sched.step();
      loss.dispose();
      lrs.push(sched.getLastLr()[0]);
      if (epoch === 0) live = memory().tensors;
    }
    expect(memory().tensors).toBe(live);
    expect([lrs[28], lrs[29], lrs[59], lrs[89]]).toEqual([0.2, 0.020000000000000004, 0.0020000000000000005, 0.00020000000000000006]);
    const [w0, w1] = (await w.data()) as Float32Array;
    expect(w0).toBeCloseTo(2, 4);
    expect(w1).toBeCloseTo(-3, 4);
    expect((await b.data())[0]).toBeCloseTo(0.5, 4);
    opt.dispose();
    for (const t of [x, y, w, b]) t.dispose();
  });
});
