import { describe, expect, it } from 'vitest';
import { BINARY_REF, UNARY_REF, activationRef, powRef, roundHalfEven } from './elementwise.js';
import { erfRef } from './erf.js';

describe('elementwise references', () => {
  it('pow follows C / IEEE-754 where Math.pow does not', () => {
    expect(powRef(1, Number.NaN)).toBe(1);
    expect(powRef(1, Infinity)).toBe(1);
    expect(powRef(-1, -Infinity)).toBe(1);
    expect(powRef(Number.NaN, 0)).toBe(1);
    expect(powRef(-8, 1 / 3)).toBeNaN();
    expect(powRef(2, 10)).toBe(1024);
  });

  it('rounds half to even', () => {
    expect([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.6, -2.4].map(roundHalfEven)).toEqual([-2, -2, -0, 0, 2, 2, 3, -2]);
  });

  it('erf matches tabulated values to 1e-15', () => {
    const table: [number, number][] = [
      [0.1, 0.1124629160182849], [0.5, 0.5204998778130465], [1, 0.8427007929497149],
      [2, 0.9953222650189527], [3, 0.9999779095030014], [-1.5, -0.9661051464753108],
    ];
    for (const [x, want] of table) expect(Math.abs(erfRef(x) - want)).toBeLessThan(1e-15);
    expect(erfRef(10)).toBe(1);
    expect(erfRef(Number.NaN)).toBeNaN();
  });

  it('keeps NaN where PyTorch does (sign per nnkit, relu, maximum)', () => {
    expect(UNARY_REF.sign(Number.NaN)).toBeNaN();
    expect(activationRef.relu(Number.NaN)).toBeNaN();
    expect(BINARY_REF.maximum('float32')(Number.NaN, 1)).toBeNaN();
  });

  it('evaluates activations at known points', () => {
    expect(activationRef.gelu(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(activationRef.geluTanh(1)).toBeCloseTo(0.8411919906082768, 15);
    expect(activationRef.silu(1)).toBeCloseTo(0.7310585786300049, 15);
    expect(activationRef.softplus()(0)).toBeCloseTo(Math.LN2, 15);
    expect(activationRef.softplus(2, 10)(6)).toBe(6);
    expect(activationRef.elu(0.5)(-Infinity)).toBe(-0.5);
  });

  it('wraps int32 products exactly', () => {
    expect(BINARY_REF.mul('int32')(123456789, 987654321)).toBe(Math.imul(123456789, 987654321));
    expect(BINARY_REF.mul('float64')(123456789, 987654321)).toBe(123456789 * 987654321);
  });
});
