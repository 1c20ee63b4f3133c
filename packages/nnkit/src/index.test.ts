import { describe, expect, it } from 'vitest';
import { getBackend, manualSeed, nn, optim, tensor } from './index.js';

describe('nnkit (umbrella)', () => {
  it('selects the CPU backend and trains a tiny model with no setup', () => {
    expect(getBackend().name).toBe('cpu');
    manualSeed(0);
    const model = new nn.Sequential(new nn.Linear({ inFeatures: 2, outFeatures: 8 }), new nn.Tanh(), new nn.Linear({ inFeatures: 8, outFeatures: 1 }));
    const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
    const x = tensor([[0, 0], [0, 1], [1, 0], [1, 1]], { dtype: 'float32' });
    const y = tensor([[0], [1], [1], [0]], { dtype: 'float32' });
    const lossFn = new nn.MSELoss();
    let loss = Infinity;
    for (let i = 0; i < 300; i++) {
      const l = lossFn.call(model.call(x), y);
      l.backward();
      opt.step();
      opt.zeroGrad();
      loss = l.itemSync();
      l.dispose();
    }
    expect(loss).toBeLessThan(0.05);
  });
});
