// Everything that runs anywhere (the browser entry), plus the Node file readers.
export * from './browser.js';
export type { DataLoaderState } from './loader-state.js';
export type { WorkerDatasetSpec } from './worker-pool.js';
export * from './idx-file.js';
export * from './mnist-files.js';
export * from './mnist.js';
export * from './fashion-mnist.js';
