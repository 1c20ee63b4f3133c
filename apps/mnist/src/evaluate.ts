import { noGrad } from '@nnkit/autograd';
import type { Dataset } from '@nnkit/data';
import { CrossEntropyLoss, type Module } from '@nnkit/nn';
import { tidy, type Tensor } from '@nnkit/tensor';
import { evalLoader, normalizeImages, type Sample } from './data.js';

/** Test-set results. */
export interface Evaluation {
  loss: number;
  accuracy: number;
  /** Predicted class of every sample, in order. */
  predictions: Int32Array;
  labels: Int32Array;
}

const sumLoss = new CrossEntropyLoss({ reduction: 'sum' });

/** Mean loss, accuracy and every prediction of `model` on `dataset` (eval mode, no graph). */
export async function evaluate(model: Module, dataset: Dataset<Sample>, batchSize = 1000): Promise<Evaluation> {
  const wasTraining = model.training;
  model.eval();
  const predictions = new Int32Array(dataset.length);
  const labels = new Int32Array(dataset.length);
  let lossSum = 0;
  let at = 0;
  try {
    for await (const { image, label } of evalLoader(dataset, batchSize)) {
      const [loss, pred] = noGrad(() =>
        tidy(() => {
          const logits = (model as Module<[Tensor], Tensor>).call(normalizeImages(image));
          return [sumLoss.call(logits, label), logits.argmax(1)] as const;
        }),
      );
      lossSum += await loss.item();
      predictions.set(await pred.data(), at);
      labels.set(await label.data(), at);
      at += label.shape[0];
      for (const t of [loss, pred, image, label]) t.dispose();
    }
  } finally {
    model.train(wasTraining);
  }
  let correct = 0;
  for (let i = 0; i < at; i++) if (predictions[i] === labels[i]) correct++;
  return { loss: lossSum / Math.max(at, 1), accuracy: correct / Math.max(at, 1), predictions, labels };
}
