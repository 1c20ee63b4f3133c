/**
 * Widens IEEE 754 binary16 bits to binary32 bits, exactly: subnormals are normalised and
 * NaN payloads keep their bits (shifted into the wider mantissa), as a hardware convert does.
 *
 * @example halfBitsToFloatBits(0x3c00) // 0x3f800000 (1.0)
 */
export function halfBitsToFloatBits(half: number): number {
  const sign = (half & 0x8000) << 16;
  const exponent = (half >> 10) & 0x1f;
  let mantissa = half & 0x3ff;
  if (exponent === 0x1f) return (sign | 0x7f800000 | (mantissa << 13)) >>> 0;
  if (exponent !== 0) return (sign | ((exponent + 112) << 23) | (mantissa << 13)) >>> 0;
  if (mantissa === 0) return sign >>> 0;
  // A subnormal half is a normal float: shift the mantissa up until its leading 1 is implicit.
  let biased = 113;
  while ((mantissa & 0x400) === 0) {
    mantissa <<= 1;
    biased--;
  }
  return (sign | (biased << 23) | ((mantissa & 0x3ff) << 13)) >>> 0;
}

/**
 * Widens bfloat16 bits to binary32 bits: bfloat16 is the top half of a float32.
 *
 * @example bfloat16BitsToFloatBits(0x3f80) // 0x3f800000 (1.0)
 */
export function bfloat16BitsToFloatBits(bf16: number): number {
  return (bf16 << 16) >>> 0;
}
