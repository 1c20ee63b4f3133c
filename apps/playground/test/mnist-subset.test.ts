import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readIdx } from '@nnkit/data';
import { describe, expect, it } from 'vitest';
import { mnistDataFolder, sliceIdx, subsetFiles } from '../plugins/mnist-subset.js';

describe('mnist-subset plugin', () => {
  const labels = readFileSync(join(mnistDataFolder(), 't10k-labels-idx1-ubyte'));
  const images = readFileSync(join(mnistDataFolder(), 't10k-images-idx3-ubyte'));

  it('keeps the first items and rewrites the count', () => {
    const sliced = readIdx(sliceIdx(images, 7, 'images'));
    expect(sliced.shape).toEqual([7, 28, 28]);
    expect([...sliced.data]).toEqual([...readIdx(images).data.subarray(0, 7 * 784)]);
    expect([...readIdx(sliceIdx(labels, 5, 'labels')).data]).toEqual([7, 2, 1, 0, 4]);
  });

  it('does not touch its input', () => {
    const before = labels.readUInt32BE(4);
    sliceIdx(labels, 3, 'labels');
    expect(labels.readUInt32BE(4)).toBe(before);
  });

  it('names the file when it cannot slice', () => {
    expect(() => sliceIdx(labels, 10001, 't10k-labels')).toThrow('t10k-labels has 10000 items, cannot take 10001');
    expect(() => sliceIdx(labels, 0, 't10k-labels')).toThrow('cannot take 0');
    expect(() => sliceIdx(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), 1, 'x.gz')).toThrow('x.gz is not an uncompressed uint8 IDX file');
  });

  it('makes the four files', () => {
    const files = subsetFiles({ train: 20, test: 10 });
    expect([...files.keys()].sort()).toEqual(['t10k-images.idx', 't10k-labels.idx', 'train-images.idx', 'train-labels.idx']);
    expect(files.get('train-images.idx')?.length).toBe(16 + 20 * 784);
  });
});
