import { Generator, ShapeError, ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { HostArray } from './host-array.js';
import { compose, flatten, normalize, randomNoise, reshape, toFloat } from './transforms.js';

describe('transforms', () => {
  it('toFloat scales bytes into [0, 1] without touching the input', () => {
    const bytes = Uint8Array.of(0, 51, 255);
    const out = toFloat(bytes);
    expect(out).toBeInstanceOf(Float32Array);
    expect([...out]).toEqual([0, 0.20000000298023224, 1]);
    expect([...bytes]).toEqual([0, 51, 255]);
    expect(() => toFloat(Float32Array.of(1) as never)).toThrow(/expects a Uint8Array/);
  });

  it('normalize subtracts the mean and divides by std, globally or per channel', () => {
    expect([...normalize(1, 2)(Float32Array.of(1, 3, 5))]).toEqual([0, 1, 2]);
    const perChannel = normalize([0, 10], [1, 5])(Float32Array.of(1, 2, 20, 30));
    expect([...perChannel]).toEqual([1, 2, 2, 4]);
    expect(normalize(0, 1)(Float64Array.of(0.1))).toBeInstanceOf(Float64Array);
    expect(normalize(0, 1)(Int32Array.of(1))).toBeInstanceOf(Float32Array);
    expect(() => normalize([0, 1], [1, 1])(Float32Array.of(1, 2, 3))).toThrow(ShapeError);
    expect(() => normalize(0, 0)).toThrow(/non-zero/);
    expect(() => normalize([0, 1, 2], [1, 1])).toThrow(ValueError);
  });

  it('randomNoise is reproducible from the generator seed and has the asked spread', () => {
    const x = new Float32Array(20000);
    const a = randomNoise(0.5, new Generator(1))(x);
    expect(randomNoise(0.5, new Generator(1))(x)).toEqual(a);
    expect(randomNoise(0.5, new Generator(2))(x)).not.toEqual(a);
    const mean = a.reduce((s, v) => s + v, 0) / a.length;
    const sd = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / a.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.02);
    expect(x.every((v) => v === 0)).toBe(true);
    expect(() => randomNoise(-1, new Generator(1))).toThrow(ValueError);
  });

  it('flatten and reshape move between flat arrays and shaped HostArrays', () => {
    expect(flatten([[1, 2], [3, 4]])).toEqual(Float32Array.of(1, 2, 3, 4));
    const f = Float32Array.of(1, 2, 3, 4);
    expect(flatten(f)).toBe(f);
    const shaped = reshape([1, 2, 2])(f);
    expect(shaped).toBeInstanceOf(HostArray);
    expect(shaped.shape).toEqual([1, 2, 2]);
    expect(flatten(shaped)).toBe(f);
    expect(() => reshape([3])(f)).toThrow(ShapeError);
    expect(() => flatten([[1, 'a' as never]])).toThrow(/only numbers/);
  });

  it('compose chains left to right', () => {
    const prep = compose(toFloat, normalize(0.5, 0.5), reshape([2]));
    const out = prep(Uint8Array.of(0, 255));
    expect(out.shape).toEqual([2]);
    expect([...out.data]).toEqual([-1, 1]);
    expect(compose((x: number) => x + 1, (x: number) => x * 2)(3)).toBe(8);
    expect(() => compose(1 as never)).toThrow(ValueError);
  });
});
