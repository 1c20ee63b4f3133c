import { describe, expect, it } from 'vitest';
import { coalesce, packInto, permute, readContiguous, viewOffsets, walkRows } from './strided.js';

const iota = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i);

describe('coalesce', () => {
  it('merges contiguous dims, drops size-1 dims, keeps real gaps', () => {
    expect(coalesce([2, 3, 4], [12, 4, 1])).toEqual({ shape: [24], strides: [1] });
    expect(coalesce([2, 1, 3], [3, 99, 1])).toEqual({ shape: [6], strides: [1] });
    expect(coalesce([3, 2], [1, 3])).toEqual({ shape: [3, 2], strides: [1, 3] });
    expect(coalesce([2, 3], [6, 2])).toEqual({ shape: [6], strides: [2] });
    expect(coalesce([2, 3], [7, 2])).toEqual({ shape: [2, 3], strides: [7, 2] });
    expect(coalesce([4, 5], [0, 0])).toEqual({ shape: [20], strides: [0] });
    expect(coalesce([], [])).toEqual({ shape: [], strides: [] });
  });
});

describe('walkRows', () => {
  it('visits rows in row-major order with their output index', () => {
    const rows: number[][] = [];
    walkRows([2, 3], [1, 2], 5, (s, st, n, i) => rows.push([s, st, n, i]));
    expect(rows).toEqual([
      [5, 2, 3, 0],
      [6, 2, 3, 3],
    ]);
  });

  it('walks a contiguous view as one row, a scalar as one element, an empty view not at all', () => {
    const seen: number[][] = [];
    walkRows([2, 2, 2], [4, 2, 1], 3, (s, st, n, i) => seen.push([s, st, n, i]));
    walkRows([], [], 7, (s, st, n, i) => seen.push([s, st, n, i]));
    walkRows([3, 0], [1, 1], 0, () => seen.push([-1]));
    expect(seen).toEqual([
      [3, 1, 8, 0],
      [7, 1, 1, 0],
    ]);
  });
});

describe('packing', () => {
  const src = iota(12);

  it('packs a transposed view', () => {
    const out = new Float64Array(12);
    packInto({ array: src, shape: [4, 3], strides: [1, 4], offset: 0 }, out);
    expect(Array.from(out)).toEqual([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
  });

  it('packs a stepped slice with an offset and a broadcast dim, converting dtype', () => {
    const out = new Int32Array(6);
    packInto({ array: Float64Array.from([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]), shape: [2, 3], strides: [0, 2], offset: 1 }, out);
    expect(Array.from(out)).toEqual([1, 3, 5, 1, 3, 5]);
  });

  it('packs into the middle of a destination', () => {
    const out = new Float64Array(5);
    packInto({ array: src, shape: [2], strides: [3], offset: 2 }, out, 2);
    expect(Array.from(out)).toEqual([0, 0, 2, 5, 0]);
  });

  it('reads a contiguous view without copying and a strided one by copying', () => {
    const same = readContiguous({ array: src, shape: [2, 3], strides: [3, 1], offset: 6 });
    expect(same.buffer).toBe(src.buffer);
    expect(Array.from(same)).toEqual([6, 7, 8, 9, 10, 11]);
    const copied = readContiguous({ array: src, shape: [2, 2], strides: [6, 2], offset: 1 });
    expect(copied.buffer).not.toBe(src.buffer);
    expect(copied).toBeInstanceOf(Float64Array);
    expect(Array.from(copied)).toEqual([1, 3, 7, 9]);
    expect(readContiguous({ array: src, shape: [0, 3], strides: [3, 1], offset: 0 }).length).toBe(0);
  });

  it('lists element offsets and permutes layouts', () => {
    expect(Array.from(viewOffsets([2, 2], [1, 10], 3))).toEqual([3, 13, 4, 14]);
    expect(Array.from(viewOffsets([], [], 4))).toEqual([4]);
    expect(permute([2, 3, 4], [12, 4, 1], [2, 0, 1])).toEqual({ shape: [4, 2, 3], strides: [1, 12, 4] });
  });
});
