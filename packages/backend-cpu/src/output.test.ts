import { describe, expect, it } from 'vitest';
import { computeOutput, toBool } from './output.js';

describe('computeOutput', () => {
  it('fills an array of the dtype, converting as the typed array does', () => {
    const i = computeOutput('int32', 2, (o) => {
      o[0] = -2.7;
      o[1] = 3.9;
    });
    expect(i).toBeInstanceOf(Int32Array);
    expect(Array.from(i)).toEqual([-2, 3]);
    const f = computeOutput('float32', 1, (o) => {
      o[0] = 0.1;
    });
    expect(f[0]).toBe(Math.fround(0.1));
  });

  it('stores bool results as x != 0 with NaN true', () => {
    const b = computeOutput('bool', 5, (o) => o.set([2, 0, 0.5, Number.NaN, 256]));
    expect(b).toBeInstanceOf(Uint8Array);
    expect(Array.from(b)).toEqual([1, 0, 1, 1, 1]);
    expect(Array.from(toBool([-0, -1]))).toEqual([0, 1]);
  });
});
