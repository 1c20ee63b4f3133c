import { describe, expect, it } from 'vitest';
import { coalesce, loopBucket, padRank } from './coalesce.js';

describe('coalesce', () => {
  it('merges dims every view walks as one and drops size-1 dims', () => {
    expect(coalesce([2, 3, 4], [[12, 4, 1]])).toEqual({ shape: [24], strides: [[1]] });
    expect(coalesce([2, 3, 4], [[12, 4, 1], [0, 4, 1]])).toEqual({ shape: [2, 12], strides: [[12, 1], [0, 1]] });
    expect(coalesce([2, 1, 3], [[1, 5, 2]])).toEqual({ shape: [2, 3], strides: [[1, 2]] });
    expect(coalesce([], [[]])).toEqual({ shape: [], strides: [[]] });
  });

  it('keeps a transposed view 2-d', () => {
    expect(coalesce([4, 3], [[1, 4]])).toEqual({ shape: [4, 3], strides: [[1, 4]] });
  });

  it('pads to four dims with broadcast ones in front', () => {
    expect(padRank({ shape: [5], strides: [[1], [0]] })).toEqual({ shape: [1, 1, 1, 5], strides: [[0, 0, 0, 1], [0, 0, 0, 0]] });
    const five = { shape: [2, 3, 2, 3, 2], strides: [[36, 12, 6, 2, 1]] };
    expect(padRank(five)).toBe(five);
  });

  it('buckets loop bounds in powers of four from 1024', () => {
    expect([0, 1024, 1025, 4096, 4097].map(loopBucket)).toEqual([1024, 1024, 4096, 4096, 16384]);
  });
});
