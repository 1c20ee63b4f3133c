// The browser entry (package.json's "browser" condition): everything but the Node file readers
// (readIdxFile, MNIST, FashionMNIST), so bundlers never see node: imports. Use readIdx on bytes you fetch.
export * from './dataset.js';
export * from './subset.js';
export * from './concat-dataset.js';
export * from './map-dataset.js';
export * from './randperm.js';
export * from './random-split.js';
export * from './host-array.js';
export * from './collate-host.js';
export * from './dispose-deep.js';
export type { DataLoaderState } from './loader-state.js';
export type { WorkerDatasetSpec } from './worker-pool.js';
export * from './data-loader.js';
export * from './transforms.js';
export * from './idx.js';
// These two import @nnkit/tensor.
export * from './collate.js';
export * from './tensor-dataset.js';
