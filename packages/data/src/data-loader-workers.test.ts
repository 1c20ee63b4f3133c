import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { FormatError, ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { Squares } from '../test/fixtures/squares-dataset.js';
import { DataLoader } from './data-loader.js';
import type { Dataset } from './dataset.js';
import { HostArray } from './host-array.js';

interface Sample {
  x: Float32Array;
  y: number;
  thread: number;
  shaped: HostArray;
}

const moduleUrl = new URL('../test/fixtures/squares-dataset.js', import.meta.url);
const squares = (n: number, options = {}): Dataset<Sample> => new Squares(n, options) as unknown as Dataset<Sample>;
const keep = (samples: Sample[]) => samples;

async function epoch<B>(l: AsyncIterable<B>): Promise<B[]> {
  const out: B[] = [];
  for await (const b of l) out.push(b);
  return out;
}

describe('DataLoader with worker threads', () => {
  it('loads samples in workers, in exactly the order of a loader without them', async () => {
    const options = { batchSize: 4, shuffle: true, seed: 5, collate: keep } as const;
    const plain = await epoch(new DataLoader(squares(30), options));
    const threaded = new DataLoader(squares(30), {
      ...options,
      workers: 2,
      workerDataset: { module: moduleUrl, export: 'Squares', args: [30] },
    });
    const batches = await epoch(threaded);
    expect(batches.map((b) => b.map((s) => s.y))).toEqual(plain.map((b) => b.map((s) => s.y)));
    const threads = new Set(batches.flat().map((s) => s.thread));
    expect(threads.size).toBe(2);
    expect(threads.has(threadId)).toBe(false);
    const s = batches[0][0];
    expect([...s.x]).toEqual([s.y * s.y, s.y * s.y + 1, s.y * s.y + 2]);
    // Each sample arrives in a compact buffer of its own, not a copy of the worker's whole table.
    expect(s.x.buffer.byteLength).toBe(12);
    expect(s.shaped).toBeInstanceOf(HostArray);
    expect(s.shaped.shape).toEqual([1, 3]);
    // The next epoch starts fresh workers and continues the seeded sequence.
    const plainLoader = new DataLoader(squares(30), options);
    await epoch(plainLoader);
    expect((await epoch(threaded)).map((b) => b.map((x) => x.y))).toEqual((await epoch(plainLoader)).map((b) => b.map((x) => x.y)));
  });

  it('builds the dataset from a default-exported async factory given as a path', async () => {
    const l = new DataLoader(squares(6, { dim: 2 }), {
      batchSize: 4,
      collate: keep,
      workers: 1,
      workerDataset: { module: fileURLToPath(moduleUrl), args: [6, { dim: 2 }] },
    });
    expect((await epoch(l)).map((b) => b.map((s) => s.y))).toEqual([[0, 1, 2, 3], [4, 5]]);
  });

  it("rethrows a worker's error as the same nnkit error class, naming the worker", async () => {
    const l = new DataLoader(squares(20), {
      batchSize: 2,
      collate: keep,
      workers: 2,
      workerDataset: { module: moduleUrl, export: 'Squares', args: [20, { failAt: 7 }] },
    });
    const error = await epoch(l).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).file).toBe('squares.bin');
    expect((error as Error).message).toMatch(/^squares\.bin: row 7 is unreadable \(in DataLoader worker 1\)/);
  });

  it('fails the loop at its start when a worker cannot build the dataset or builds another one', async () => {
    const make = (workerDataset: object) => new DataLoader(squares(5), { collate: keep, workers: 1, workerDataset: workerDataset as never });
    await expect(epoch(make({ module: moduleUrl, export: 'broken' }))).rejects.toThrow(/TypeError: cannot build this dataset \(in DataLoader worker/);
    await expect(epoch(make({ module: moduleUrl, export: 'nothing' }))).rejects.toThrow(/no export 'nothing'/);
    await expect(epoch(make({ module: moduleUrl, export: 'Squares', args: [6] }))).rejects.toThrow(ValueError);
    await expect(epoch(make({ module: moduleUrl, export: 'Squares', args: [6] }))).rejects.toThrow(/length 6, but the loader's dataset has 5/);
    await expect(epoch(make({ module: moduleUrl, export: 'Squares', args: [() => 5] }))).rejects.toThrow(/structured-cloneable/);
  });

  it('stops its workers when the loop is left early', async () => {
    const channel = new BroadcastChannel('nnkit-data-heartbeat');
    const beats: number[] = [];
    channel.onmessage = (event) => beats.push((event as MessageEvent<number>).data);
    try {
      const l = new DataLoader(squares(40), {
        batchSize: 2,
        collate: keep,
        workers: 2,
        workerDataset: { module: moduleUrl, export: 'Squares', args: [40, { heartbeat: 'nnkit-data-heartbeat' }] },
      });
      let seen = 0;
      for await (const _ of l) {
        await new Promise((resolve) => setTimeout(resolve, 30));
        if (++seen === 2) break;
      }
      expect(new Set(beats).size).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 30));
      const count = beats.length;
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(beats.length).toBe(count);
    } finally {
      channel.close();
    }
  });
});
