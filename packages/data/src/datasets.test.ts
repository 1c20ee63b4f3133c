import { Generator, ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { ConcatDataset } from './concat-dataset.js';
import type { Dataset } from './dataset.js';
import { mapDataset } from './map-dataset.js';
import { randomSplit } from './random-split.js';
import { randperm } from './randperm.js';
import { Subset } from './subset.js';

const range = (n: number, offset = 0): Dataset<number> => ({ length: n, get: (i) => i + offset });
const all = async <T>(ds: Dataset<T>): Promise<T[]> => Promise.all(Array.from({ length: ds.length }, (_, i) => ds.get(i)));

describe('Subset', () => {
  it('serves the chosen indices in order, repeats allowed', async () => {
    const s = new Subset(range(10, 100), [3, 3, 9, 0]);
    expect(s.length).toBe(4);
    expect(await all(s)).toEqual([103, 103, 109, 100]);
  });

  it('rejects bad indices, up front and at get', () => {
    expect(() => new Subset(range(3), [0, 3])).toThrow(/Subset: index 3 is out of range for a dataset of length 3/);
    expect(() => new Subset(range(3), [0.5])).toThrow(ValueError);
    expect(() => new Subset(range(3), [1]).get(1)).toThrow(/Subset.get: index 1 is out of range/);
  });
});

describe('ConcatDataset', () => {
  it('chains datasets, skipping empty ones', async () => {
    const c = new ConcatDataset([range(2), range(0), range(3, 10), range(1, 20)]);
    expect(c.length).toBe(6);
    expect(await all(c)).toEqual([0, 1, 10, 11, 12, 20]);
    expect(() => c.get(6)).toThrow(ValueError);
    expect(() => new ConcatDataset([])).toThrow(ValueError);
  });
});

describe('mapDataset', () => {
  it('stays synchronous for sync datasets and handles async ones', async () => {
    const m = mapDataset(range(3), (x, i) => `${x}@${i}`);
    expect(m.get(2)).toBe('2@2');
    const slow: Dataset<number> = { length: 2, get: async (i) => i * 10 };
    const n = mapDataset(slow, (x) => x + 1);
    expect(n.get(1)).toBeInstanceOf(Promise);
    expect(await n.get(1)).toBe(11);
    expect(() => m.get(3)).toThrow(ValueError);
  });
});

describe('randperm', () => {
  it('is a permutation, the same for the same seed, different for another', () => {
    const a = randperm(1000, new Generator(7));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(randperm(1000, new Generator(7))).toEqual(a);
    expect(randperm(1000, new Generator(8))).not.toEqual(a);
    expect(randperm(0, new Generator(1)).length).toBe(0);
    expect(() => randperm(-1, new Generator(1))).toThrow(ValueError);
  });

  it('puts every value in every place about equally often (uniform shuffle)', () => {
    const g = new Generator(3);
    const counts = Array.from({ length: 4 }, () => new Array<number>(4).fill(0));
    for (let t = 0; t < 8000; t++) randperm(4, g).forEach((v, pos) => counts[v][pos]++);
    for (const row of counts) for (const c of row) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });
});

describe('randomSplit', () => {
  it('splits by counts into disjoint subsets that cover the dataset', async () => {
    const parts = randomSplit(range(100), [70, 20, 10], new Generator(1));
    expect(parts.map((p) => p.length)).toEqual([70, 20, 10]);
    const seen = (await Promise.all(parts.map(all))).flat();
    expect(new Set(seen).size).toBe(100);
    expect(Math.min(...seen)).toBe(0);
    expect(Math.max(...seen)).toBe(99);
  });

  it('splits by fractions, giving the remainder to the first subsets, as torch does', () => {
    expect(randomSplit(range(10), [0.5, 0.3, 0.2], new Generator(0)).map((p) => p.length)).toEqual([5, 3, 2]);
    expect(randomSplit(range(11), [1 / 3, 1 / 3, 1 / 3], new Generator(0)).map((p) => p.length)).toEqual([4, 4, 3]);
    expect(randomSplit(range(60000), [0.9, 0.1], new Generator(0)).map((p) => p.length)).toEqual([54000, 6000]);
  });

  it('is reproducible from the generator seed', () => {
    const a = randomSplit(range(50), [25, 25], new Generator(5))[0].indices;
    expect(randomSplit(range(50), [25, 25], new Generator(5))[0].indices).toEqual(a);
    expect(randomSplit(range(50), [25, 25], new Generator(6))[0].indices).not.toEqual(a);
  });

  it('rejects lengths that fit neither as counts nor as fractions', () => {
    expect(() => randomSplit(range(10), [5, 4], new Generator(0))).toThrow(/add up to 9; give counts that add up to the dataset length 10/);
    expect(() => randomSplit(range(10), [0.5, 0.6], new Generator(0))).toThrow(ValueError);
    expect(() => randomSplit(range(10), [], new Generator(0))).toThrow(ValueError);
    expect(() => randomSplit(range(10), [11, -1], new Generator(0))).toThrow(/non-negative/);
  });
});
