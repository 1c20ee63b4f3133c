import { ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { DataLoader, type DataLoaderOptions } from './data-loader.js';
import type { Dataset } from './dataset.js';

// Every loader here collates to the list of sample indices, so no tensor is involved.
const indices = (n: number): Dataset<number> => ({ length: n, get: (i) => i });
const asList = (samples: number[]) => samples;

function loader(n: number, options: DataLoaderOptions<number, number[]> = {}): DataLoader<number, number[]> {
  return new DataLoader(indices(n), { collate: asList, ...options });
}

async function epoch<B>(l: AsyncIterable<B>): Promise<B[]> {
  const out: B[] = [];
  for await (const b of l) out.push(b);
  return out;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('DataLoader batching', () => {
  it('batches in order without shuffling, with a smaller last batch', async () => {
    const l = loader(10, { batchSize: 4 });
    expect(l.length).toBe(3);
    expect(await epoch(l)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
  });

  it('drops the remainder with dropLast', async () => {
    const l = loader(10, { batchSize: 4, dropLast: true });
    expect(l.length).toBe(2);
    expect(await epoch(l)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
    expect(await epoch(loader(8, { batchSize: 4, dropLast: true }))).toHaveLength(2);
    expect(await epoch(loader(3, { batchSize: 4, dropLast: true }))).toEqual([]);
    expect(await epoch(loader(0, { batchSize: 4 }))).toEqual([]);
  });

  it('awaits async datasets and async collates', async () => {
    const ds: Dataset<number> = { length: 5, get: async (i) => i * 2 };
    const l = new DataLoader(ds, { batchSize: 2, collate: async (s: number[]) => s.join(',') });
    expect(await epoch(l)).toEqual(['0,2', '4,6', '8']);
  });

  it('rejects bad options', () => {
    expect(() => loader(3, { batchSize: 0 })).toThrow(/batchSize must be an integer >= 1, got 0/);
    expect(() => loader(3, { prefetch: -1 })).toThrow(ValueError);
    expect(() => loader(3, { workers: 1.5 })).toThrow(ValueError);
    expect(() => loader(3, { workers: 2 })).toThrow(/needs workerDataset/);
    expect(() => loader(3, { seed: Number.NaN })).toThrow(ValueError);
    expect(() => new DataLoader({} as Dataset<number>)).toThrow(/dataset must have an integer length/);
  });
});

describe('DataLoader shuffling', () => {
  it('gives the same order every run for the same seed, a fresh permutation each epoch', async () => {
    const a = loader(50, { batchSize: 8, shuffle: true, seed: 123 });
    const b = loader(50, { batchSize: 8, shuffle: true, seed: 123 });
    const a1 = await epoch(a);
    const a2 = await epoch(a);
    expect(await epoch(b)).toEqual(a1);
    expect(await epoch(b)).toEqual(a2);
    expect(a2).not.toEqual(a1);
    expect(a1.flat().sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a1.flat()).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('gives different orders for different seeds', async () => {
    const a = await epoch(loader(50, { batchSize: 8, shuffle: true, seed: 1 }));
    const b = await epoch(loader(50, { batchSize: 8, shuffle: true, seed: 2 }));
    expect(b).not.toEqual(a);
  });

  it('shuffles before dropping the remainder, so dropped samples vary by epoch', async () => {
    const l = loader(10, { batchSize: 4, dropLast: true, shuffle: true, seed: 9 });
    const seen = new Set<number>();
    for (let e = 0; e < 6; e++) for (const b of await epoch(l)) b.forEach((i) => seen.add(i));
    expect(seen.size).toBe(10);
  });
});

describe('DataLoader state', () => {
  const options = { batchSize: 3, shuffle: true, seed: 42 } as const;

  it('continues mid-epoch with exactly the batches that would have come next', async () => {
    const reference = loader(20, options);
    const expected = [...(await epoch(reference)), ...(await epoch(reference))];

    const first = loader(20, options);
    const got: number[][] = [];
    let saved = '';
    for await (const b of first) {
      got.push(b);
      if (got.length === 3) {
        saved = JSON.stringify(first.stateDict());
        break;
      }
    }
    expect(JSON.parse(saved)).toMatchObject({ version: 1, epoch: 0, position: 3, datasetLength: 20, batchSize: 3 });

    const resumed = loader(20, { ...options, seed: 999 }); // the saved generator state wins over the seed
    resumed.loadStateDict(JSON.parse(saved));
    expect(resumed.epoch).toBe(0);
    got.push(...(await epoch(resumed)));
    expect(resumed.epoch).toBe(1);
    got.push(...(await epoch(resumed)));
    expect(got).toEqual(expected);
  });

  it('restores an unshuffled loader and a state saved after the last batch', async () => {
    const l = loader(7, { batchSize: 2 });
    let state = l.stateDict();
    for await (const b of l) {
      if (b[0] === 6) state = l.stateDict();
    }
    expect(state).toMatchObject({ epoch: 0, position: 4, generator: null });
    const again = loader(7, { batchSize: 2 });
    again.loadStateDict(state);
    expect(await epoch(again)).toEqual([]);
    expect(again.stateDict()).toMatchObject({ epoch: 1, position: 0 });
    expect(await epoch(again)).toHaveLength(4);
  });

  it('starts the next epoch after a loop is left early', async () => {
    const l = loader(20, options);
    const reference = loader(20, options);
    await epoch(reference);
    const secondEpoch = await epoch(reference);
    for await (const _ of l) break;
    expect(l.stateDict()).toMatchObject({ epoch: 1, position: 0 });
    expect(await epoch(l)).toEqual(secondEpoch);
  });

  it('refuses states that would give a different order', () => {
    const state = loader(20, options).stateDict();
    const l = loader(20, options);
    expect(() => loader(21, options).loadStateDict(state)).toThrow(/datasetLength 20, this loader has 21/);
    expect(() => loader(20, { ...options, batchSize: 4 }).loadStateDict(state)).toThrow(/batchSize/);
    expect(() => loader(20, { ...options, dropLast: true }).loadStateDict(state)).toThrow(/dropLast/);
    expect(() => loader(20, { batchSize: 3 }).loadStateDict(state)).toThrow(/with shuffling, this loader has shuffle false/);
    expect(() => l.loadStateDict({ ...state, position: 8 })).toThrow(/position 8 is past the 7 batches/);
    expect(() => l.loadStateDict({ ...state, epoch: -1 })).toThrow(/epoch must be a non-negative integer/);
    expect(() => l.loadStateDict({ ...state, version: 2 } as never)).toThrow(/unknown state version 2/);
    expect(() => l.loadStateDict({ ...state, generator: { algorithm: 'mt' } } as never)).toThrow(ValueError);
    expect(() => l.loadStateDict(null as never)).toThrow(ValueError);
  });
});

describe('DataLoader prefetch and cleanup', () => {
  function tracked(n: number) {
    const requested: number[] = [];
    const ds: Dataset<number> = {
      length: n,
      get: async (i) => {
        requested.push(i);
        return i;
      },
    };
    return { ds, requested };
  }

  it('prepares `prefetch` batches ahead while the consumer waits, and no more', async () => {
    for (const prefetch of [0, 1, 2, 3]) {
      const { ds, requested } = tracked(10);
      const l = new DataLoader(ds, { batchSize: 1, prefetch, collate: asList });
      const it = l[Symbol.asyncIterator]();
      expect((await it.next()).value).toEqual([0]);
      for (let i = 0; i < 5; i++) await tick();
      expect(requested).toEqual(Array.from({ length: 1 + prefetch }, (_, i) => i));
      await it.return(undefined);
    }
  });

  it('disposes the batches it prepared but never handed out, and leaves nothing scheduled', async () => {
    const { ds, requested } = tracked(100);
    const disposed: number[] = [];
    const collate = (samples: number[]) => ({ first: samples[0], dispose: () => disposed.push(samples[0]) });
    const l = new DataLoader(ds, { batchSize: 2, prefetch: 3, collate });
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Immediate' || r === 'Timeout').length;
    const got: number[] = [];
    for await (const b of l) {
      got.push(b.first);
      await tick();
      await tick();
      if (got.length === 2) break;
    }
    const after = process.getActiveResourcesInfo().filter((r) => r === 'Immediate' || r === 'Timeout').length;
    expect(after).toBeLessThanOrEqual(before);
    expect(got).toEqual([0, 2]);
    const prepared = [...new Set(requested.map((i) => i - (i % 2)))].filter((i) => !got.includes(i));
    expect(prepared.length).toBeGreaterThan(0);
    expect(disposed.sort((a, b) => a - b)).toEqual(prepared.sort((a, b) => a - b));
    const count = requested.length;
    for (let i = 0; i < 5; i++) await tick();
    expect(requested.length).toBe(count);
  });

  it('surfaces a failing sample at its batch, then is usable again', async () => {
    const ds: Dataset<number> = {
      length: 10,
      get: (i) => {
        if (i === 5) throw new RangeError('sample 5 is corrupt');
        return i;
      },
    };
    const l = new DataLoader(ds, { batchSize: 2, collate: asList });
    const got: number[][] = [];
    await expect(
      (async () => {
        for await (const b of l) got.push(b);
      })(),
    ).rejects.toThrow('sample 5 is corrupt');
    expect(got).toEqual([[0, 1], [2, 3]]);
    await expect(epoch(l)).rejects.toThrow(RangeError);
  });

  it('refuses a second loop while one is running', async () => {
    const l = loader(10, { batchSize: 2 });
    const first = l[Symbol.asyncIterator]();
    await first.next();
    await expect(l[Symbol.asyncIterator]().next()).rejects.toThrow(/already running/);
    expect(() => l.loadStateDict(l.stateDict())).toThrow(/while a loop is running/);
    await first.return(undefined);
    expect(await epoch(l)).toHaveLength(5);
  });
});
