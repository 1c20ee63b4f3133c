import { Generator, ValueError, assertValidShape, sizeOf, type RandomDistribution } from '@nnkit/core';
import { getBackend } from '../backend-registry.js';
import { checkDType, fromKernel } from '../dispatch.js';
import type { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import type { CreationOptions } from './creation.js';
import { floor } from './unary.js';

const defaultGen = new Generator(0);

/** Options of the random creation functions. */
export interface RandomOptions extends CreationOptions {
  /** Draw from this generator instead of the default one. */
  readonly generator?: Generator;
}

/**
 * Seeds the default generator: the same seed gives the same numbers on the same backend.
 *
 * @example
 * manualSeed(42); const a = rand([3]);
 * manualSeed(42); const b = rand([3]); // same values as a
 */
export function manualSeed(seed: number): void {
  defaultGen.seed(seed);
}

/** The generator `rand`, `randn`, dropout and initialisers use unless given another. */
export function defaultGenerator(): Generator {
  return defaultGen;
}

function draw(shape: readonly number[], dist: RandomDistribution, opts: RandomOptions, op: string): Tensor {
  assertValidShape(shape, op);
  const backend = opts.backend ?? getBackend();
  const dtype = opts.dtype ?? 'float32';
  checkDType(backend, dtype, op);
  const key = (opts.generator ?? defaultGen).nextKey();
  const t = fromKernel(backend, backend.random(dist, sizeOf(shape), dtype, key), shape, dtype);
  if (opts.requiresGrad) t.requiresGrad = true;
  return t;
}

/** Uniform samples in [low, high) (default [0, 1)). */
export function rand(shape: readonly number[], opts: RandomOptions & { low?: number; high?: number } = {}): Tensor {
  return draw(shape, { kind: 'uniform', low: opts.low ?? 0, high: opts.high ?? 1 }, opts, 'rand');
}

/** Normal samples with the given mean and std (default standard normal). */
export function randn(shape: readonly number[], opts: RandomOptions & { mean?: number; std?: number } = {}): Tensor {
  return draw(shape, { kind: 'normal', mean: opts.mean ?? 0, std: opts.std ?? 1 }, opts, 'randn');
}

/** 1 with probability `p`, else 0 (float32 unless told). */
export function bernoulli(shape: readonly number[], p: number, opts: RandomOptions = {}): Tensor {
  if (!(p >= 0 && p <= 1)) throw new ValueError(`bernoulli: p must be in [0, 1], got ${p}`);
  return draw(shape, { kind: 'bernoulli', p }, opts, 'bernoulli');
}

/** Integers uniformly drawn from [low, high) (int32 unless told). */
export function randint(low: number, high: number, shape: readonly number[], opts: RandomOptions = {}): Tensor {
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
    throw new ValueError(`randint: need integers low < high, got low=${low}, high=${high}`);
  }
  const backend = opts.backend ?? getBackend();
  const work = backend.capabilities.dtypes.includes('float64') ? 'float64' : 'float32';
  const u = draw(shape, { kind: 'uniform', low, high }, { ...opts, backend, dtype: work, requiresGrad: false }, 'randint');
  const f = floor(u);
  const out = cast(f, opts.dtype ?? 'int32');
  u.dispose();
  if (f !== out) f.dispose();
  return out;
}
