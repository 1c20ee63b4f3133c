import { DTypeError, ValueError, bitsToUnitFloat, isFloatDType, randomBits } from '@nnkit/core';
import type { DType, RandomDistribution, RandomKey, TypedArray } from '@nnkit/core';
import { takeArray } from '../buffer-pool.js';

/** The largest value of `dtype` strictly below `x` (x itself representable in dtype). */
function nextDown(x: number, dtype: DType): number {
  if (x === 0) return dtype === 'float32' ? -(2 ** -149) : -Number.MIN_VALUE;
  if (dtype === 'float32') {
    const f = new Float32Array([x]);
    const bits = new Int32Array(f.buffer);
    bits[0] += x > 0 ? -1 : 1;
    return f[0];
  }
  const f = new Float64Array([x]);
  const bits = new BigInt64Array(f.buffer);
  bits[0] += x > 0 ? -1n : 1n;
  return f[0];
}

/** The largest value of `dtype` below `high`: where a uniform draw is clamped to stay in [low, high). */
function upperLimit(low: number, high: number, dtype: DType): number {
  const h = dtype === 'float32' ? Math.fround(high) : high;
  return Math.max(h >= high ? nextDown(h, dtype) : h, low);
}

function checkDist(dist: RandomDistribution): void {
  const bad = (why: string): never => {
    throw new ValueError(`random: invalid ${dist.kind} distribution (${why})`);
  };
  if (dist.kind === 'uniform') {
    if (!Number.isFinite(dist.low) || !Number.isFinite(dist.high) || dist.low > dist.high) {
      bad(`need finite low <= high, got low ${dist.low}, high ${dist.high}`);
    }
  } else if (dist.kind === 'normal') {
    if (!Number.isFinite(dist.mean) || !Number.isFinite(dist.std) || dist.std < 0) {
      bad(`need a finite mean and std >= 0, got mean ${dist.mean}, std ${dist.std}`);
    }
  } else if (dist.kind === 'bernoulli') {
    if (!(dist.p >= 0 && dist.p <= 1)) bad(`need 0 <= p <= 1, got p ${dist.p}`);
  } else {
    throw new ValueError(`random: unknown distribution '${String((dist as { kind: unknown }).kind)}'`);
  }
}

/**
 * `size` samples, a pure function of `key`: element i depends only on (key, i), so a longer
 * fill starts with the shorter one. With `u = bitsToUnitFloat(randomBits(key, i))` in (0, 1]:
 * - uniform: `low + (high - low) * (1 - u)`, clamped below `high` after rounding to dtype;
 * - normal: Box–Muller on counters (2j, 2j+1) gives elements 2j (cos) and 2j+1 (sin);
 * - bernoulli: 1 when `u <= p`, so P(1) = ⌊p·2³²⌋/2³² (p = 0 never, p = 1 always); any dtype.
 * Uniform and normal need a float dtype (`DTypeError` naming `backend` otherwise).
 *
 * @example randomKernel({ kind: 'uniform', low: 0, high: 1 }, 3, 'float32', [1, 2], 'cpu')
 */
export function randomKernel(
  dist: RandomDistribution, size: number, dtype: DType, key: RandomKey, backend: string,
): TypedArray {
  if (!Number.isInteger(size) || size < 0) {
    throw new ValueError(`random: size must be a non-negative integer, got ${size}`);
  }
  checkDist(dist);
  if (dist.kind !== 'bernoulli' && !isFloatDType(dtype)) {
    throw new DTypeError(`${backend}: random: ${dist.kind} samples need a float dtype, got ${dtype}`);
  }
  const out = takeArray(dtype, size);
  if (dist.kind === 'uniform') {
    const { low, high } = dist;
    const limit = high > low ? upperLimit(low, high, dtype) : high;
    for (let i = 0; i < size; i++) {
      const v = low + (high - low) * (1 - bitsToUnitFloat(randomBits(key, i)));
      out[i] = v > limit ? limit : v;
    }
  } else if (dist.kind === 'normal') {
    const { mean, std } = dist;
    for (let i = 0; i < size; i += 2) {
      const r = Math.sqrt(-2 * Math.log(bitsToUnitFloat(randomBits(key, i))));
      const theta = 2 * Math.PI * bitsToUnitFloat(randomBits(key, i + 1));
      out[i] = mean + std * r * Math.cos(theta);
      if (i + 1 < size) out[i + 1] = mean + std * r * Math.sin(theta);
    }
  } else {
    const { p } = dist;
    for (let i = 0; i < size; i++) out[i] = bitsToUnitFloat(randomBits(key, i)) <= p ? 1 : 0;
  }
  return out;
}
