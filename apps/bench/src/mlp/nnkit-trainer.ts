import '@nnkit/autograd';
import { createCpuBackend } from '@nnkit/backend-cpu';
import { CrossEntropyLoss, Linear, ReLU, Sequential, type Module } from '@nnkit/nn';
import { SGD } from '@nnkit/optim';
import { noGrad } from '@nnkit/autograd';
import { setBackend, tensor, tidy, type Tensor } from '@nnkit/tensor';
import type { TrainerFactory } from './trainer.js';

/**
 * nnkit through its public packages, as a user would train: Sequential of Linear (its fused
 * `linear()` path) and ReLU, CrossEntropyLoss, SGD with momentum. `wasm: false` is the
 * plain-JavaScript reference backend.
 *
 * @example
 * const trainer = await nnkitTrainer({ wasm: true, threads: 2 })(layers, { lr: 0.1, momentum: 0.9 });
 */
export function nnkitTrainer(options: { wasm: boolean; threads: number }): TrainerFactory {
  return async (layers, { lr, momentum }) => {
    const backend = createCpuBackend({ wasm: options.wasm, threads: options.threads });
    setBackend(backend);
    const modules: Module[] = [];
    const state: Record<string, Tensor> = {};
    layers.forEach((l, i) => {
      if (i > 0) modules.push(new ReLU());
      state[`${modules.length}.weight`] = tensor(l.weight, { shape: [l.outFeatures, l.inFeatures] });
      state[`${modules.length}.bias`] = tensor(l.bias);
      modules.push(new Linear({ inFeatures: l.inFeatures, outFeatures: l.outFeatures }));
    });
    const model = new Sequential(...modules);
    model.loadStateDict(state);
    Object.values(state).forEach((t) => t.dispose());
    const lossFn = new CrossEntropyLoss();
    const opt = new SGD(model.parameters(), { lr, momentum });
    const forward = (x: Tensor): Tensor => (model as Module<[Tensor], Tensor>).call(x);
    return {
      step(x, y, size) {
        const loss = tidy(() => {
          const input = tensor(x.subarray(0, size * 784), { shape: [size, 784] });
          return lossFn.call(forward(input), tensor(y.subarray(0, size)));
        });
        loss.backward();
        opt.step();
        opt.zeroGrad();
        const value = loss.itemSync();
        loss.dispose();
        return value;
      },
      accuracy(test) {
        let correct = 0;
        noGrad(() => {
          for (let s = 0; s < test.count; s += 1000) {
            const n = Math.min(1000, test.count - s);
            const hits = tidy(() => {
              const logits = forward(tensor(test.images.subarray(s * 784, (s + n) * 784), { shape: [n, 784] }));
              return logits.argmax(1).eq(tensor(test.labels.subarray(s, s + n))).sum();
            });
            correct += hits.itemSync();
            hits.dispose();
          }
        });
        return correct / test.count;
      },
      dispose() {
        backend.dispose?.();
      },
    };
  };
}
