import { describe, expect, it } from 'vitest';
import { Generator, bitsToUnitFloat, randomBits } from './random.js';

describe('Generator', () => {
  it('is reproducible from a seed and differs across seeds', () => {
    const a = new Generator(42);
    const b = new Generator(42);
    const c = new Generator(43);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it('saves and restores its state through JSON', () => {
    const g = new Generator(7);
    g.nextFloat();
    const saved = JSON.parse(JSON.stringify(g.getState()));
    const want = [g.nextFloat(), g.nextNormal(), g.nextUint32()];
    g.setState(saved);
    expect([g.nextFloat(), g.nextNormal(), g.nextUint32()]).toEqual(want);
    expect(() => g.setState({} as never)).toThrow('Generator.setState');
  });

  it('draws uniform floats with the right moments', () => {
    const g = new Generator(1);
    const n = 20000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const x = g.nextFloat();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
      sq += x * x;
    }
    expect(sum / n).toBeCloseTo(0.5, 1);
    expect(sq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
  });

  it('counter-based bits are a pure function of key and counter and look uniform', () => {
    expect(randomBits([1, 2], 5)).toBe(randomBits([1, 2], 5));
    expect(randomBits([1, 2], 5)).not.toBe(randomBits([1, 3], 5));
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const u = bitsToUnitFloat(randomBits([9, 9], i));
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThanOrEqual(1);
      sum += u;
    }
    expect(sum / 10000).toBeCloseTo(0.5, 1);
  });
});
