import '@nnkit/autograd';
import { noGrad } from '@nnkit/autograd';
import { Generator, ValueError, type Backend } from '@nnkit/core';
import { randperm } from '@nnkit/data';
import { CrossEntropyLoss, Linear, ReLU, Sequential } from '@nnkit/nn';
import { Adam } from '@nnkit/optim';
import { manualSeed, setBackend, tensor, tidy, type Tensor } from '@nnkit/tensor';
import type { MnistSplit } from './mnist.js';

/** What one training run uses. */
export interface TrainOptions {
  readonly backend: Backend;
  readonly train: MnistSplit;
  readonly test: MnistSplit;
  /** Train on the first `trainCount` images (default: all of `train`). */
  readonly trainCount?: number;
  readonly hidden: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** Adam's learning rate. */
  readonly lr: number;
  readonly seed?: number;
  /** Called after every step with the loss just read back. */
  readonly onStep?: (progress: StepProgress) => void;
  /** Checked between steps: an aborted run stops and rejects with an `AbortError`. */
  readonly signal?: AbortSignal;
}

/** Progress after one optimisation step. */
export interface StepProgress {
  readonly step: number;
  readonly totalSteps: number;
  readonly epoch: number;
  readonly loss: number;
  readonly samplesPerSecond: number;
}

/** The outcome of a run. */
export interface TrainResult {
  readonly backend: string;
  readonly accuracy: number;
  readonly trainSeconds: number;
  readonly steps: number;
  /** Predicted class of every test image. */
  readonly predictions: Int32Array;
}

// The MNIST statistics every tutorial normalises with.
const MEAN = 0.1307;
const STD = 0.3081;

/** Images `indices` of `split` as a normalised float32 `[B, 784]` tensor and int32 labels `[B]`. */
export function batchOf(split: MnistSplit, indices: readonly number[]): { x: Tensor; y: Tensor } {
  const x = new Float32Array(indices.length * 784);
  const y = new Int32Array(indices.length);
  indices.forEach((i, row) => {
    const pixels = split.images.subarray(i * 784, (i + 1) * 784);
    for (let p = 0; p < 784; p++) x[row * 784 + p] = (pixels[p] / 255 - MEAN) / STD;
    y[row] = split.labels[i];
  });
  return { x: tensor(x, { shape: [indices.length, 784] }), y: tensor(y, { shape: [indices.length] }) };
}

/** Throws a `ValueError` naming the first option that is out of range (the page's fields can hold anything). */
export function checkOptions(o: Pick<TrainOptions, 'hidden' | 'epochs' | 'batchSize' | 'lr' | 'trainCount'>): void {
  const positiveInt = (name: string, v: number | undefined, max: number): void => {
    if (v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= max)) throw new ValueError(`trainMlp: ${name} must be an integer in [1, ${max}], got ${v}`);
  };
  positiveInt('hidden', o.hidden, 4096);
  positiveInt('epochs', o.epochs, 1000);
  positiveInt('batchSize', o.batchSize, 60000);
  positiveInt('trainCount', o.trainCount, 60000);
  if (!(o.lr > 0 && o.lr < 10)) throw new ValueError(`trainMlp: lr must be in (0, 10), got ${o.lr}`);
}

/** Lets the page repaint between steps (a CPU step would otherwise block it for the whole run). */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Trains a 784-`hidden`-10 ReLU MLP with Adam on `backend`, then measures its test accuracy.
 * Reads are asynchronous throughout, so it runs on WebGPU too. Everything it creates is freed.
 *
 * @example
 * const r = await trainMlp({ backend: createCpuBackend(), train, test, hidden: 64, epochs: 1, batchSize: 64, lr: 2e-3 });
 * r.accuracy; // ≈ 0.88 on 2,000 images
 */
export async function trainMlp(o: TrainOptions): Promise<TrainResult> {
  checkOptions(o);
  const { backend } = o;
  setBackend(backend);
  manualSeed(o.seed ?? 0);
  const count = Math.min(o.trainCount ?? o.train.count, o.train.count);
  const model = new Sequential(
    new Linear({ inFeatures: 784, outFeatures: o.hidden, backend }),
    new ReLU(),
    new Linear({ inFeatures: o.hidden, outFeatures: 10, backend }),
  );
  const optimizer = new Adam(model.parameters(), { lr: o.lr });
  const lossFn = new CrossEntropyLoss();
  // A fresh seeded order each epoch. (No DataLoader: its worker-thread code would be bundled.)
  const order = new Generator(o.seed ?? 0);
  const stepsPerEpoch = Math.ceil(count / o.batchSize);
  const totalSteps = stepsPerEpoch * o.epochs;
  let step = 0;
  let seen = 0;
  const started = performance.now();
  try {
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      const perm = randperm(count, order);
      for (let start = 0; start < count; start += o.batchSize) {
        const indices = Array.from(perm.subarray(start, start + o.batchSize));
        if (o.signal?.aborted) throw new DOMException('training stopped', 'AbortError');
        const { x, y } = batchOf(o.train, indices);
        const loss = tidy(() => lossFn.call(model.call(x) as Tensor, y));
        loss.backward();
        optimizer.step();
        optimizer.zeroGrad();
        const value = await loss.item();
        for (const t of [loss, x, y]) t.dispose();
        step++;
        seen += indices.length;
        const seconds = (performance.now() - started) / 1000;
        o.onStep?.({ step, totalSteps, epoch, loss: value, samplesPerSecond: seen / Math.max(seconds, 1e-3) });
        await nextTask();
      }
    }
    const trainSeconds = (performance.now() - started) / 1000;
    const predictions = await predict(model, o.test);
    let correct = 0;
    for (let i = 0; i < o.test.count; i++) if (predictions[i] === o.test.labels[i]) correct++;
    return { backend: backend.name, accuracy: correct / o.test.count, trainSeconds, steps: step, predictions };
  } finally {
    optimizer.dispose();
    for (const p of model.parameters()) p.dispose();
  }
}

/** The predicted class of every image of `split`, 500 at a time. */
async function predict(model: Sequential, split: MnistSplit): Promise<Int32Array> {
  const out = new Int32Array(split.count);
  for (let start = 0; start < split.count; start += 500) {
    const indices = Array.from({ length: Math.min(500, split.count - start) }, (_, k) => start + k);
    const { x, y } = batchOf(split, indices);
    const pred = noGrad(() => tidy(() => (model.call(x) as Tensor).argmax(1)));
    out.set(await pred.data(), start);
    for (const t of [pred, x, y]) t.dispose();
    await nextTask();
  }
  return out;
}
