import { describe, expect, it } from 'vitest';
import { erf } from './erf.js';

describe('erf', () => {
  // Reference values from mpmath at 40 digits, rounded to float64.
  const known: [number, number][] = [
    [0.01, 0.011283415555849616],
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [1.5, 0.9661051464753108],
    [2, 0.9953222650189527],
    [2.5, 0.999593047982555],
    [3, 0.9999779095030014],
    [3.5, 0.9999992569016276],
    [4, 0.9999999845827421],
    [-3, -0.9999779095030014],
  ];

  it.each(known)('erf(%d) matches the reference to 1e-15', (x, want) => {
    expect(Math.abs(erf(x) - want)).toBeLessThan(1e-15);
  });

  it('is odd, saturates to ±1 and keeps NaN and signed zero', () => {
    expect(erf(-0.7)).toBe(-erf(0.7));
    expect(erf(6)).toBe(1);
    expect(erf(-40)).toBe(-1);
    expect(erf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(erf(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(erf(Number.NaN)).toBeNaN();
    expect(Object.is(erf(-0), -0)).toBe(true);
  });

  it('is continuous across the switch from series to continued fraction at 3', () => {
    expect(Math.abs(erf(3 + 1e-12) - erf(3 - 1e-12))).toBeLessThan(1e-15);
    expect(erf(3.0000001)).toBeGreaterThan(erf(3));
  });

  it('is monotonic on a fine grid', () => {
    let prev = -1;
    for (let x = -5; x <= 5; x += 0.01) {
      const y = erf(x);
      expect(y).toBeGreaterThanOrEqual(prev);
      prev = y;
    }
  });
});
