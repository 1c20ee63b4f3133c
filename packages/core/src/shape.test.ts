import { describe, expect, it } from 'vitest';
import { ShapeError, ValueError } from './errors.js';
import { broadcastShapes, contiguousStrides, isContiguous, normalizeAxis, sizeOf } from './shape.js';

describe('shape helpers', () => {
  it('sizes and strides', () => {
    expect(sizeOf([])).toBe(1);
    expect(sizeOf([2, 0, 3])).toBe(0);
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(isContiguous([2, 3], [3, 1])).toBe(true);
    expect(isContiguous([2, 3], [1, 2])).toBe(false);
    expect(isContiguous([1, 3], [99, 1])).toBe(true);
  });

  it('broadcasts with NumPy rules', () => {
    expect(broadcastShapes([2, 1, 3], [4, 1], 'add')).toEqual([2, 4, 3]);
    expect(broadcastShapes([], [5], 'add')).toEqual([5]);
    expect(broadcastShapes([0, 1], [1, 7], 'add')).toEqual([0, 7]);
  });

  it('names the op and both shapes when broadcasting fails', () => {
    expect(() => broadcastShapes([2, 3], [4, 3], 'mul')).toThrow(ShapeError);
    expect(() => broadcastShapes([2, 3], [4, 3], 'mul')).toThrow('mul: shapes [2,3] and [4,3] cannot be broadcast');
  });

  it('normalizes negative axes and rejects out-of-range ones', () => {
    expect(normalizeAxis(-1, 3, 'sum')).toBe(2);
    expect(normalizeAxis(0, 0, 'sum')).toBe(0);
    expect(() => normalizeAxis(3, 3, 'sum')).toThrow(ValueError);
    expect(() => normalizeAxis(-4, 3, 'sum')).toThrow('sum: axis -4 is out of range');
  });
});
