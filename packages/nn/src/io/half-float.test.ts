import { describe, expect, it } from 'vitest';
import { bfloat16BitsToFloatBits, halfBitsToFloatBits } from './half-float.js';

function bitsToFloat(bits: number): number {
  return new Float32Array(new Uint32Array([bits]).buffer)[0];
}

/** The value of a binary16 pattern straight from the IEEE 754 definition. */
function halfValue(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const mantissa = h & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

describe('halfBitsToFloatBits', () => {
  it.each([
    [0x0000, 0x00000000], // +0
    [0x8000, 0x80000000], // -0
    [0x3c00, 0x3f800000], // 1
    [0xc000, 0xc0000000], // -2
    [0x7bff, 0x477fe000], // 65504, the largest half
    [0x0001, 0x33800000], // 2^-24, the smallest subnormal
    [0x03ff, 0x387fc000], // the largest subnormal
    [0x0400, 0x38800000], // 2^-14, the smallest normal
    [0x7c00, 0x7f800000], // +Infinity
    [0xfc00, 0xff800000], // -Infinity
    [0x7e00, 0x7fc00000], // quiet NaN
    [0x7c01, 0x7f802000], // signalling NaN, payload 1
    [0xfd55, 0xffaaa000], // negative NaN with a payload
  ])('widens %s to %s', (half, float) => {
    expect(halfBitsToFloatBits(half).toString(16)).toBe(float.toString(16));
  });

  it('gives the exact value for every one of the 65536 patterns', () => {
    for (let h = 0; h < 0x10000; h++) {
      const got = bitsToFloat(halfBitsToFloatBits(h));
      const want = halfValue(h);
      if (Number.isNaN(want)) expect(Number.isNaN(got)).toBe(true);
      else if (!Object.is(got, want)) expect([h, got]).toEqual([h, want]);
    }
  });
});

describe('bfloat16BitsToFloatBits', () => {
  it.each([
    [0x3f80, 1],
    [0xc049, -3.140625],
    [0x8000, -0],
    [0x7f80, Infinity],
    [0x0001, bitsToFloat(0x00010000)], // a subnormal
  ])('widens %s to %s', (bf16, value) => {
    expect(Object.is(bitsToFloat(bfloat16BitsToFloatBits(bf16)), value)).toBe(true);
  });

  it('keeps NaN payloads', () => {
    expect(bfloat16BitsToFloatBits(0x7fc1).toString(16)).toBe('7fc10000');
    expect(bfloat16BitsToFloatBits(0xff81).toString(16)).toBe('ff810000');
  });
});
