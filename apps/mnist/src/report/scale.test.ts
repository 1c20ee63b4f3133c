import { describe, expect, it } from 'vitest';
import { linearAxis, logAxis, robustRange } from './scale.js';

describe('linearAxis', () => {
  it('snaps outwards to round ticks', () => {
    const a = linearAxis(0.03, 2.31);
    expect(a.ticks).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect([a.lo, a.hi]).toEqual([0, 2.5]);
    expect(a.label(0.5)).toBe('0.5');
    expect(a.label(2)).toBe('2.0');
    expect(a.fraction(1.25)).toBeCloseTo(0.5);
  });

  it('zooms in on narrow ranges such as late-training accuracy', () => {
    expect(linearAxis(97.2, 100).ticks).toEqual([97, 98, 99, 100]);
    expect(linearAxis(98.6, 100).ticks).toEqual([98.5, 99, 99.5, 100]);
    expect(linearAxis(0, 10, 6).ticks).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('widens a zero-width range instead of collapsing', () => {
    const a = linearAxis(5, 5);
    expect(a.lo).toBeLessThan(5);
    expect(a.hi).toBeGreaterThan(5);
    const z = linearAxis(0, 0);
    expect(z.hi - z.lo).toBeGreaterThan(0);
  });
});

describe('logAxis', () => {
  it('snaps to the 1-2-5 grid with fine ticks over a short span', () => {
    const a = logAxis(0.04, 2.3);
    expect([a.lo, a.hi]).toEqual([0.02, 5]);
    expect(a.ticks).toEqual([0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5]);
    expect(a.fraction(0.02)).toBeCloseTo(0);
    expect(a.fraction(5)).toBeCloseTo(1);
  });

  it('keeps only decades over a long span and labels extremes compactly', () => {
    const a = logAxis(1e-6, 3);
    expect(a.ticks).toEqual([1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.1, 1]);
    expect(a.hi).toBe(5);
    expect(a.label(1e-6)).toBe('1e-6');
    expect(a.label(0.01)).toBe('0.01');
  });

  it('survives a single value and bad bounds', () => {
    const a = logAxis(1, 1);
    expect(a.hi).toBeGreaterThan(a.lo);
    const b = logAxis(0, Number.NaN);
    expect(b.ticks.length).toBeGreaterThan(0);
  });
});

describe('robustRange', () => {
  it('uses the full range for short series and quantiles for long ones', () => {
    expect(robustRange([3, 1, 2], 0.02, 50)).toEqual([1, 3]);
    const long = Array.from({ length: 1000 }, (_, i) => (i < 5 ? 100 : 1 + i / 1000));
    const [lo, hi] = robustRange(long, 0.02, 50);
    expect(hi).toBeLessThan(2);
    expect(lo).toBeGreaterThan(1);
    expect(robustRange([], 0.02, 50).every(Number.isNaN)).toBe(true);
  });
});
