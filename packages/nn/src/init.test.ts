import { manualSeed, zeros } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import * as init from './init.js';

const stats = (v: ArrayLike<number>) => {
  const a = Array.from(v);
  const mean = a.reduce((s, x) => s + x, 0) / a.length;
  const std = Math.sqrt(a.reduce((s, x) => s + (x - mean) ** 2, 0) / a.length);
  return { mean, std, max: Math.max(...a.map(Math.abs)) };
};

describe('init', () => {
  it('computes fans and gains like torch.nn.init', () => {
    expect(init.calculateFans(zeros([64, 32]))).toEqual({ fanIn: 32, fanOut: 64 });
    expect(init.calculateFans(zeros([8, 4, 3, 3]))).toEqual({ fanIn: 36, fanOut: 72 });
    expect(init.calculateGain('relu')).toBeCloseTo(Math.SQRT2, 12);
    expect(init.calculateGain('tanh')).toBeCloseTo(5 / 3, 12);
    expect(init.calculateGain('leakyRelu', Math.sqrt(5))).toBeCloseTo(Math.sqrt(2 / 6), 12);
    expect(() => init.calculateFans(zeros([3]))).toThrow('at least 2 dims');
  });

  it('fills with the right distributions', () => {
    manualSeed(9);
    const t = zeros([200, 100]);
    expect(stats(init.xavierUniform(t).dataSync()).max).toBeLessThanOrEqual(Math.sqrt(6 / 300));
    expect(stats(init.xavierNormal(t).dataSync()).std).toBeCloseTo(Math.sqrt(2 / 300), 2);
    expect(stats(init.kaimingNormal(t, { nonlinearity: 'relu' }).dataSync()).std).toBeCloseTo(Math.sqrt(2 / 100), 2);
    expect(stats(init.kaimingUniform(t, { mode: 'fanOut', nonlinearity: 'relu' }).dataSync()).max).toBeLessThanOrEqual(Math.sqrt(6 / 200));
    expect(stats(init.normal(t, 3, 0.5).dataSync()).mean).toBeCloseTo(3, 1);
    expect(stats(init.uniform(t, -2, -1).dataSync()).mean).toBeCloseTo(-1.5, 1);
    expect(Array.from(init.constant(zeros([2]), 7).dataSync())).toEqual([7, 7]);
    expect(Array.from(init.ones(zeros([2])).dataSync())).toEqual([1, 1]);
  });
});
