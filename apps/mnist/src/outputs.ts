import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toDot } from '@nnkit/autograd';
import type { MNIST } from '@nnkit/data';
import { CrossEntropyLoss, saveSafetensors, writeFileAtomic, type Module } from '@nnkit/nn';
import { tensor, tidy, type Tensor } from '@nnkit/tensor';
import type { TrainConfig } from './args.js';
import { normalizeImages } from './data.js';
import { evaluate } from './evaluate.js';
import type { MetricRecord } from './metrics.js';
import type { ArchConfig } from './model.js';
import { confusionMatrix, formatConfusion, renderCurvesSvg, renderDigitGridSvg, svgToPng, type MetricPoint } from './report/index.js';

/** The metadata key under which model.safetensors records its architecture. */
export const MODEL_META_KEY = 'nnkit.mnist';

/** Saves the weights with PyTorch's key names and the architecture in the metadata. */
export async function saveModel(path: string, model: Module, config: TrainConfig): Promise<void> {
  const arch: ArchConfig & { dataset: string } = { hidden: config.hidden, activation: config.activation, dropout: config.dropout, dataset: config.dataset };
  await saveSafetensors(path, model.stateDict(), { format: 'pt', [MODEL_META_KEY]: JSON.stringify(arch) });
}

/** The loss curve points: every logged step, and the train/test numbers of each epoch. */
export function curvePoints(history: readonly MetricRecord[]): MetricPoint[] {
  return history.map((r) =>
    r.type === 'step'
      ? { epoch: r.epoch, trainLoss: r.loss, lr: r.lr }
      : { epoch: r.epoch, trainLoss: r.trainLoss, testLoss: r.testLoss, trainAcc: r.trainAcc, testAcc: r.testAcc, lr: r.lr },
  );
}

/** Up to 100 test digits for the picture: the first misclassified ones, then correct ones, in order. */
function pickDigits(predictions: Int32Array, labels: Int32Array, count = 100): number[] {
  const wrong: number[] = [];
  const right: number[] = [];
  for (let i = 0; i < labels.length && (wrong.length < 20 || right.length < count); i++) {
    if (predictions[i] !== labels[i]) {
      if (wrong.length < 20) wrong.push(i);
    } else if (right.length < count) right.push(i);
  }
  return [...wrong, ...right.slice(0, count - wrong.length)].sort((a, b) => a - b);
}

/** The graph of the loss on a few test images, as the autograd export draws it. */
function graphDot(model: Module, test: MNIST): string {
  const wasTraining = model.training;
  model.eval();
  try {
    return tidy(() => {
      const images = tensor(test.images.subarray(0, 4 * 784), { shape: [4, 784], dtype: 'float32' });
      const labels = tensor(Int32Array.from(test.labels.subarray(0, 4)), { shape: [4] });
      for (const [name, p] of model.namedParameters()) p.name = name;
      const loss = new CrossEntropyLoss().call((model as Module<[Tensor], Tensor>).call(normalizeImages(images)), labels);
      return toDot(loss, { title: 'MNIST MLP: forward upward, gradients (dashed) downward', rootName: 'loss' });
    });
  } finally {
    model.train(wasTraining);
  }
}

/** Writes model.safetensors, confusion.txt, curves.svg/.png, digits.svg/.png and graph.dot. */
export async function writeFinalOutputs(o: { runDir: string; model: Module; config: TrainConfig; test: MNIST; history: MetricRecord[] }): Promise<Record<string, string | number>> {
  const { runDir, model, config, test, history } = o;
  const evaluation = await evaluate(model, test);
  await saveModel(join(runDir, 'model.safetensors'), model, config);
  const matrix = confusionMatrix(evaluation.labels, evaluation.predictions, 10);
  await writeFile(join(runDir, 'confusion.txt'), formatConfusion(matrix));
  const curves = renderCurvesSvg(curvePoints(history), { title: `nnkit MNIST: 784-${config.hidden.join('-')}-10 ${config.activation}, ${config.optimizer}` });
  await writeFile(join(runDir, 'curves.svg'), curves);
  await writeFileAtomic(join(runDir, 'curves.png'), svgToPng(curves));
  const picked = pickDigits(evaluation.predictions, evaluation.labels);
  const digits = renderDigitGridSvg(
    picked.map((i) => ({ pixels: test.images.subarray(i * 784, (i + 1) * 784), label: evaluation.labels[i], predicted: evaluation.predictions[i] })),
    { columns: 10, title: 'Test digits: predicted / true (misclassified in red)' },
  );
  await writeFile(join(runDir, 'digits.svg'), digits);
  await writeFileAtomic(join(runDir, 'digits.png'), svgToPng(digits));
  await writeFile(join(runDir, 'graph.dot'), graphDot(model, test));
  const last = [...history].reverse().find((r) => r.type === 'epoch');
  return {
    testAccuracy: Number((evaluation.accuracy * 100).toFixed(2)),
    testLoss: Number(evaluation.loss.toFixed(4)),
    epochs: config.epochs,
    lastEpochSeconds: last && last.type === 'epoch' ? Number(last.seconds.toFixed(1)) : 0,
    runDir,
  };
}
