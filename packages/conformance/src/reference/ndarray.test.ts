import { describe, expect, it } from 'vitest';
import { NdArray, forEachIndex, roundTo } from './ndarray.js';

describe('roundTo', () => {
  it('rounds as each dtype stores', () => {
    expect(roundTo('float32', 0.1)).toBe(Math.fround(0.1));
    expect(roundTo('float64', 0.1)).toBe(0.1);
    expect(roundTo('int32', -2.7)).toBe(-2);
    expect(roundTo('int32', 2 ** 31)).toBe(-(2 ** 31));
    expect(roundTo('bool', Number.NaN)).toBe(1);
    expect(roundTo('bool', -0)).toBe(0);
  });
});

describe('NdArray', () => {
  const a = NdArray.of([1, 2, 3, 4, 5, 6], [2, 3], 'float32');

  it('walks indices in row-major order', () => {
    const seen: string[] = [];
    forEachIndex([2, 2], (i, flat) => seen.push(`${i.join('')}:${flat}`));
    expect(seen).toEqual(['00:0', '01:1', '10:2', '11:3']);
  });

  it('permutes, slices with steps and expands as views', () => {
    expect(a.permute([1, 0]).toArray()).toEqual([1, 4, 2, 5, 3, 6]);
    expect(a.slice([null, [0, null, 2]]).toArray()).toEqual([1, 3, 4, 6]);
    expect(a.slice([[-1, null], [-100, 100]]).toArray()).toEqual([4, 5, 6]);
    expect(a.slice([[1, 1]]).shape).toEqual([0, 3]);
    expect(NdArray.of([7, 8], [2, 1], 'int32').expand([2, 2, 3]).toArray()).toEqual([7, 7, 7, 8, 8, 8, 7, 7, 7, 8, 8, 8]);
    expect(() => a.expand([3, 3])).toThrow(/cannot expand/);
  });

  it('reshapes, maps and casts with rounding to the dtype', () => {
    expect(a.permute([1, 0]).reshape([6]).toArray()).toEqual([1, 4, 2, 5, 3, 6]);
    expect(a.map((v) => v / 3, 'int32').toArray()).toEqual([0, 0, 1, 1, 1, 2]);
    expect(NdArray.of([0.5, 0, -2], [3], 'float64').cast('bool').toArray()).toEqual([1, 0, 1]);
    expect(NdArray.scalar(2.5, 'float32').shape).toEqual([]);
    expect(() => NdArray.of([1], [2], 'float32')).toThrow(/do not fill/);
  });
});
