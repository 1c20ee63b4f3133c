import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, restride } from '../../test/harness.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.finish());

describe('copy', () => {
  it('makes a contiguous copy of a transposed view, in the same dtype', () => {
    const x = h.input([1, 2, 3, 4, 5, 6], 'int32', [2, 3]);
    const out = h.b.copy(restride(x, [3, 2], [1, 3]));
    expect(out.dtype).toBe('int32');
    expect(out.size).toBe(6);
    expect(h.takeTyped(out)).toEqual(Int32Array.from([1, 4, 2, 5, 3, 6]));
  });

  it('copies stepped, offset and broadcast views of every dtype', () => {
    expect(h.take(h.b.copy(restride(h.input([0, 1, 2, 3, 4, 5], 'float32'), [2], [3], 2)))).toEqual([2, 5]);
    expect(h.take(h.b.copy(restride(h.input([0.5, 1.5], 'float64'), [2, 2], [0, 1])))).toEqual([0.5, 1.5, 0.5, 1.5]);
    expect(h.take(h.b.copy(restride(h.input([1, 0, 1], 'bool'), [3, 1], [1, 0])))).toEqual([1, 0, 1]);
  });

  it('is a real copy: writing the original does not change it', () => {
    const x = h.input([1, 2], 'float64');
    const c = h.b.copy(x);
    h.b.assign(x, restride(h.input([9], 'float64'), [2], [0]));
    expect(h.take(c)).toEqual([1, 2]);
  });

  it('copies scalars and empty views', () => {
    expect(h.take(h.b.copy(h.input([7], 'float32', [])))).toEqual([7]);
    expect(h.take(h.b.copy(h.input([], 'float32', [0])))).toEqual([]);
  });
});
