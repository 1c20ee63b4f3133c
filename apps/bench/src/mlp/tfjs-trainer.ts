import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node bundle registers no gradients (its ESM register_all_gradients does not load
// in Node); tfjs-layers' Node bundle registers them all.
import '@tensorflow/tfjs-layers';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { TrainerFactory } from './trainer.js';

/**
 * TF.js (tfjs-core 4.22 ops, `tf.train.momentum`, `tf.losses.softmaxCrossEntropy`) on
 * tfjs-backend-wasm (XNNPACK, one thread in Node) or tfjs-backend-cpu. tf.train.momentum's
 * update (`acc = m·acc + g; w -= lr·acc`) is PyTorch's SGD with momentum and no dampening.
 *
 * @example
 * const trainer = await tfjsTrainer('wasm')(layers, { lr: 0.1, momentum: 0.9 });
 */
export function tfjsTrainer(backend: 'wasm' | 'cpu'): TrainerFactory {
  return async (layers, { lr, momentum }) => {
    if (backend === 'wasm') {
      const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
      const require = createRequire(import.meta.url);
      setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
    } else {
      await import('@tensorflow/tfjs-backend-cpu');
    }
    if (!(await tf.setBackend(backend))) throw new Error(`mlp-bench: tfjs backend ${backend} did not start`);
    // Weights stored [in, out] so the forward is x·W without a transpose.
    const params = layers.map((l) => {
      const wt = new Float32Array(l.inFeatures * l.outFeatures);
      for (let o = 0; o < l.outFeatures; o++) for (let i = 0; i < l.inFeatures; i++) wt[i * l.outFeatures + o] = l.weight[o * l.inFeatures + i];
      return { w: tf.variable(tf.tensor2d(wt, [l.inFeatures, l.outFeatures])), b: tf.variable(tf.tensor1d(l.bias)) };
    });
    const forward = (x: tf.Tensor2D): tf.Tensor2D =>
      params.reduce((h, p, i) => {
        const z = tf.add(tf.matMul(h, p.w), p.b) as tf.Tensor2D;
        return i < params.length - 1 ? tf.relu(z) : z;
      }, x);
    const opt = tf.train.momentum(lr, momentum);
    return {
      step(x, y, size) {
        const cost = opt.minimize(() => {
          const xs = tf.tensor2d(x.subarray(0, size * 784), [size, 784]);
          const labels = tf.oneHot(tf.tensor1d(y.subarray(0, size), 'int32'), 10);
          return tf.losses.softmaxCrossEntropy(labels, forward(xs)) as tf.Scalar;
        }, true);
        const value = cost!.dataSync()[0];
        cost!.dispose();
        return value;
      },
      accuracy(test) {
        let correct = 0;
        for (let s = 0; s < test.count; s += 1000) {
          const n = Math.min(1000, test.count - s);
          const hits = tf.tidy(() => {
            const logits = forward(tf.tensor2d(test.images.subarray(s * 784, (s + n) * 784), [n, 784]));
            return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.tensor1d(test.labels.subarray(s, s + n), 'int32')), 'int32'));
          });
          correct += hits.dataSync()[0];
          hits.dispose();
        }
        return correct / test.count;
      },
      dispose() {
        opt.dispose();
        params.forEach((p) => tf.dispose([p.w, p.b]));
      },
    };
  };
}
