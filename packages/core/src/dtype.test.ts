import { describe, expect, it } from 'vitest';
import { allocArray, bytesPerElement, dtypeOfArray, isDType, promoteTypes } from './dtype.js';
import { isClose } from './tolerance.js';

describe('dtypes', () => {
  it('promotes bool < int32 < float32 < float64', () => {
    expect(promoteTypes('bool', 'int32')).toBe('int32');
    expect(promoteTypes('float32', 'int32')).toBe('float32');
    expect(promoteTypes('float32', 'float64')).toBe('float64');
  });
  it('maps dtypes to typed arrays', () => {
    expect(allocArray('bool', 3)).toBeInstanceOf(Uint8Array);
    expect(bytesPerElement('float64')).toBe(8);
    expect(dtypeOfArray(new Int32Array(1))).toBe('int32');
    expect(isDType('float16')).toBe(false);
  });
  it('compares with NaN and infinity rules', () => {
    const tol = { rtol: 1e-6, atol: 1e-6 };
    expect(isClose(NaN, NaN, tol)).toBe(true);
    expect(isClose(1, NaN, tol)).toBe(false);
    expect(isClose(Infinity, Infinity, tol)).toBe(true);
    expect(isClose(-Infinity, Infinity, tol)).toBe(false);
    expect(isClose(1 + 1e-7, 1, tol)).toBe(true);
  });
});
