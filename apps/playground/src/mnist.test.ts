import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FormatError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { mnistDataFolder, sliceIdx } from '../plugins/mnist-subset.js';
import { splitFromIdx } from './mnist.js';

const file = (name: string, count: number) => sliceIdx(readFileSync(join(mnistDataFolder(), name)), count, name);

describe('splitFromIdx', () => {
  it('reads images and labels', () => {
    const split = splitFromIdx(file('t10k-images-idx3-ubyte', 3), file('t10k-labels-idx1-ubyte', 3), 'test');
    expect(split.count).toBe(3);
    expect(split.images.length).toBe(3 * 784);
    expect([...split.labels]).toEqual([7, 2, 1]);
  });

  it('throws a FormatError naming the split for swapped or mismatched files', () => {
    const images = file('t10k-images-idx3-ubyte', 3);
    const labels = file('t10k-labels-idx1-ubyte', 3);
    expect(() => splitFromIdx(labels, images, 'test')).toThrow(FormatError);
    expect(() => splitFromIdx(labels, images, 'test')).toThrow('test images: expected uint8 [N, 28, 28], got uint8 [3]');
    expect(() => splitFromIdx(images, file('t10k-labels-idx1-ubyte', 2), 'test')).toThrow('test labels: expected uint8 [3], got uint8 [2]');
    expect(() => splitFromIdx(new Uint8Array([1, 2, 3, 4]), labels, 'test')).toThrow(FormatError);
  });
});
