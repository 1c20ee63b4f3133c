import { type DType, DTypeError, type RandomDistribution, type RandomKey, randomBits, ValueError } from '@nnkit/core';
import { kernelSource, lit, storeAs } from '../codegen.js';
import type { GpuContext } from '../context.js';
import type { Version } from '../version.js';

/*
 * Counter-based random numbers that every shader language computes exactly: a keyed Feistel
 * network over Z_P × Z_P with P = 4093, whose round function F(R) = (a·R² + b·R + c) mod P only
 * multiplies numbers below P, so every product stays below 2^24 and float32 is exact. Sample i
 * is the permutation of i (counter = (⌊i/P⌋, i mod P)), so results are a pure function of
 * (key, i), identical in every mode, and need no integer or bit operations on the device.
 */

/** The modulus; P² is the most samples one fill can draw. */
export const P = 4093;
const ROUNDS = 8;
/** Round constants per stream: a, b, c per round. */
const STREAM = ROUNDS * 3;

/** Round constants for `streams` independent streams, derived on the host from the key. */
export function roundKeys(key: RandomKey, streams: number): Float32Array {
  const out = new Float32Array(streams * STREAM);
  for (let i = 0; i < out.length; i++) {
    const bits = randomBits(key, i);
    // a must be non-zero, or the round function is linear
    out[i] = i % 3 === 0 ? 1 + (bits % (P - 1)) : bits % P;
  }
  return out;
}

/** `x = x mod P` for 0 ≤ x < P² + P, exact: the rounded quotient is corrected by one step. */
function modP(x: string): string[] {
  return [`q = Math.floor(${x} * ${1 / P});`, `${x} = ${x} - q * ${lit(P)};`, `if (${x} < 0.0) { ${x} = ${x} + ${lit(P)}; }`, `if (${x} >= ${lit(P)}) { ${x} = ${x} - ${lit(P)}; }`];
}

/** Statements leaving an integer in [0, P²) in `${out}`, the hash of `fi` in stream `stream`. */
function hash(out: string, stream: number): string[] {
  const base = stream * STREAM;
  return [
    `let L${out} = Math.floor((fi + 0.5) / ${lit(P)});`,
    `let R${out} = fi - L${out} * ${lit(P)};`,
    `if (R${out} < 0.0) { L${out} = L${out} - 1.0; R${out} = R${out} + ${lit(P)}; }`,
    `if (R${out} >= ${lit(P)}) { L${out} = L${out} + 1.0; R${out} = R${out} - ${lit(P)}; }`,
    `for (let r${out} = 0; r${out} < ${ROUNDS}; r${out}++) {`,
    `let sq${out} = R${out} * R${out};`,
    ...modP(`sq${out}`),
    `sq${out} = sq${out} * K[${base} + r${out} * 3];`,
    ...modP(`sq${out}`),
    `let lin${out} = R${out} * K[${base} + r${out} * 3 + 1];`,
    ...modP(`lin${out}`),
    `let f${out} = sq${out} + lin${out} + K[${base} + r${out} * 3 + 2] + L${out};`,
    ...modP(`f${out}`),
    `L${out} = R${out};`,
    `R${out} = f${out};`,
    '}',
    `let ${out} = L${out} * ${lit(P)} + R${out};`,
  ];
}

const P2 = lit(P * P);

/** `size` samples of `dist`, a pure function of `key`. */
export function random(ctx: GpuContext, dist: RandomDistribution, size: number, dtype: DType, key: RandomKey): Version {
  ctx.dtype(dtype, 'random');
  if (!Number.isInteger(size) || size < 0 || size > P * P) {
    throw new ValueError(`${ctx.name}: random: size ${size} must be an integer in 0..${P * P}`);
  }
  if (!Array.isArray(key) || key.length !== 2 || !key.every((w) => Number.isInteger(w))) {
    throw new ValueError(`${ctx.name}: random: key must be two 32-bit integers`);
  }
  let body: string[];
  let params: number[];
  let streams = 1;
  if (dist.kind === 'uniform') {
    if (!(dist.low <= dist.high) || !Number.isFinite(dist.low) || !Number.isFinite(dist.high)) {
      throw new ValueError(`random: uniform needs finite low <= high, got [${dist.low}, ${dist.high})`);
    }
    body = [...hash('h', 0), `let y = p0 + (p1 - p0) * (h / ${P2});`];
    params = [dist.low, dist.high];
  } else if (dist.kind === 'normal') {
    if (!(dist.std >= 0) || !Number.isFinite(dist.mean) || !Number.isFinite(dist.std)) {
      throw new ValueError(`random: normal needs a finite mean and std >= 0, got mean ${dist.mean}, std ${dist.std}`);
    }
    streams = 2;
    body = [
      ...hash('h', 0),
      ...hash('g', 1),
      `let u1 = (h + 1.0) / ${P2};`,
      `let u2 = g / ${P2};`,
      `let y = p0 + p1 * Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(${2 * Math.PI} * u2);`,
    ];
    params = [dist.mean, dist.std];
  } else if (dist.kind === 'bernoulli') {
    if (!(dist.p >= 0 && dist.p <= 1)) throw new ValueError(`random: bernoulli needs 0 <= p <= 1, got ${dist.p}`);
    body = [...hash('h', 0), 'let y = 0.0;', `if (h / ${P2} < p0) { y = 1.0; }`];
    params = [dist.p, 0];
  } else {
    throw new ValueError(`random: unknown distribution ${JSON.stringify(dist)}`);
  }
  if (dist.kind !== 'bernoulli' && dtype !== 'float32') {
    throw new DTypeError(`${ctx.name}: random: ${dist.kind} samples need dtype float32, got ${dtype}`);
  }
  const source = (): string => kernelSource(['K', 'p0', 'p1'], ['let q = 0.0;', ...body, ...storeAs(dtype, 'y')]);
  const spec = { key: `random:${dist.kind}:${dtype}`, source, dynamic: true };
  return ctx.device.run(spec, size, [roundKeys(key, streams), params[0], params[1]]);
}
