import { describe, expect, it } from 'vitest';
import { NdArray } from './ndarray.js';
import * as R from './reductions.js';

const x = NdArray.of([1, 5, 2, 5, 0, -1], [2, 3], 'float64');

describe('reduction references', () => {
  it('normalizes axes as PyTorch does', () => {
    expect(R.refAxes(undefined, 3)).toEqual([0, 1, 2]);
    expect(R.refAxes([-1, 0, 2], 3)).toEqual([0, 2]);
    expect(R.refAxes(-1, 0)).toEqual([]);
  });

  it('reduces axes with and without keepdim', () => {
    expect(R.reduceRef(x, [1], false, 'float64', R.sumOf).toArray()).toEqual([8, 4]);
    expect(R.reduceRef(x, [0], true, 'float64', R.maxOf).shape).toEqual([1, 3]);
    expect(R.reduceRef(x, [0, 1], false, 'float64', R.prodOf).toArray()).toEqual([-0]);
    expect(R.reduceRef(NdArray.of([], [0, 2], 'float64'), [0], false, 'float64', R.sumOf).toArray()).toEqual([0, 0]);
  });

  it('picks the first extreme and lets NaN win', () => {
    expect(R.argmaxOf([1, 5, 5])).toBe(1);
    expect(R.argminOf([3, Number.NaN, Number.NaN])).toBe(1);
    expect(R.maxOf([1, Number.NaN])).toBeNaN();
  });

  it('computes variance with correction, logsumexp and norms', () => {
    expect(R.varianceOf(1)([1, 2, 3, 4])).toBeCloseTo(5 / 3, 15);
    expect(R.varianceOf(1)([7])).toBeNaN();
    expect(R.logsumexpOf([1000, 1000])).toBeCloseTo(1000 + Math.LN2, 12);
    expect(R.logsumexpOf([])).toBe(-Infinity);
    expect(R.logsumexpOf([Infinity, 1])).toBe(Infinity);
    expect(R.normOf(2)([3, -4])).toBe(5);
    expect(R.normOf(Infinity)([3, -4])).toBe(4);
  });

  it('applies lane functions along an axis', () => {
    const s = R.alongAxis(x, 0, 'float64', R.softmaxLane).toArray();
    expect(s[0] + s[3]).toBeCloseTo(1, 15);
    expect(R.softmaxLane([-Infinity, 0])).toEqual([0, 1]);
    expect(R.logSoftmaxLane([0, 0])).toEqual([-Math.LN2, -Math.LN2]);
  });
});
