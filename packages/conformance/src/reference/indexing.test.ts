import { describe, expect, it } from 'vitest';
import { gatherRef, indexSelectRef, oneHotRef, scatterAddRef, softmaxCrossEntropyRef } from './indexing.js';
import { concatRef, splitRef, stackRef } from './join.js';
import { NdArray } from './ndarray.js';

const f = (values: number[], shape: number[]) => NdArray.of(values, shape, 'float64');
const i = (values: number[], shape: number[] = [values.length]) => NdArray.of(values, shape, 'int32');

describe('indexing and join references', () => {
  it('gathers, scatters with accumulation and selects', () => {
    const x = f([1, 2, 3, 4, 5, 6], [2, 3]);
    expect(gatherRef(x, 1, i([2, 0], [2, 1])).toArray()).toEqual([3, 4]);
    expect(scatterAddRef(f([0, 0, 0], [3]), 0, i([1, 1, 2]), f([1, 2, 3], [3])).toArray()).toEqual([0, 3, 3]);
    expect(indexSelectRef(x, 1, i([2, 2])).toArray()).toEqual([3, 3, 6, 6]);
    expect(oneHotRef(i([1, 0]), 3, 'int32').toArray()).toEqual([0, 1, 0, 1, 0, 0]);
    expect(softmaxCrossEntropyRef(f([0, 0], [1, 2]), i([1])).toArray()[0]).toBeCloseTo(Math.LN2, 15);
  });

  it('concatenates around empty pieces, stacks and splits', () => {
    const c = concatRef([f([1, 2], [1, 2]), f([], [0, 2]), i([3, 4], [1, 2])], 0, 'float32');
    expect(c.toArray()).toEqual([1, 2, 3, 4]);
    expect(c.dtype).toBe('float32');
    expect(stackRef([f([1, 2], [2]), f([3, 4], [2])], 1).toArray()).toEqual([1, 3, 2, 4]);
    expect(splitRef(f([1, 2, 3], [3]), [2, 1], 0).map((p) => p.toArray())).toEqual([[1, 2], [3]]);
  });
});
