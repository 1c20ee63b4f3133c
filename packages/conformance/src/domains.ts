import { Generator, type DType } from '@nnkit/core';

/**
 * Where an op's sample values come from: a float range and an int32 range (bool samples are
 * always a fair coin). Ranges keep every op well inside its defined region; the edges
 * (±0, huge, tiny, NaN, ±Infinity) come from the fixed lists below instead.
 */
export interface Domain {
  readonly float: readonly [low: number, high: number];
  readonly int: readonly [low: number, high: number];
  /** Float values to pick from instead of the range (so that ties and zeros occur). */
  readonly choices?: readonly number[];
}

/** The domains the sections use, by what the op needs. */
export const DOMAINS = {
  real: { float: [-3, 3], int: [-6, 6] },
  positive: { float: [0.1, 4], int: [1, 9] },
  aboveMinusOne: { float: [-0.9, 3], int: [0, 5] },
  nonzero: { float: [0.2, 3], int: [1, 6] },
  wide: { float: [-8, 8], int: [-9, 9] },
  base: { float: [0.2, 3], int: [-3, 3] },
  exponent: { float: [-2, 2], int: [0, 3] },
  nearOne: { float: [0.6, 1.4], int: [-1, 1] },
  small: { float: [-1, 1], int: [-2, 2] },
  ties: { float: [-1, 1], int: [-2, 2], choices: [-1, -0.5, 0, 0.5, 1] },
} as const satisfies Record<string, Domain>;

/** Name of a domain. */
export type DomainName = keyof typeof DOMAINS;

/** Finite values at the edges of float range: huge, tiny, signed zeros. */
export const EXTREME_FLOATS: readonly number[] = [1e30, -1e30, 1e-30, -1e-30, 0, -0, 1, -2.5];
/** int32 values at the edges of its range, and products that overflow it. */
export const EXTREME_INT32: readonly number[] = [2147483647, -2147483648, 0, -1, 1, 65536, 46341, -123456789];
/** Non-finite values with a few ordinary ones to meet them. */
export const SPECIAL_FLOATS: readonly number[] = [Number.NaN, Infinity, -Infinity, 0, -0, 1, -1, 2.5, -0.5];

/** A deterministic generator for a case: the same name always gives the same values. */
export function generatorFor(name: string): Generator {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return new Generator(h >>> 0);
}

/**
 * `n` values of `dtype` from `domain`. Nonzero domains flip a coin for the sign so that both
 * signs appear without zero.
 *
 * @example sampleValues(DOMAINS.real, 'float32', 4, generatorFor('x'))
 */
export function sampleValues(domain: Domain, dtype: DType, n: number, g: Generator): number[] {
  const out: number[] = [];
  const signed = domain === DOMAINS.nonzero;
  const { choices } = domain as Domain;
  for (let i = 0; i < n; i++) {
    const sign = signed && g.nextFloat() < 0.5 ? -1 : 1;
    if (dtype === 'bool') out.push(g.nextFloat() < 0.5 ? 0 : 1);
    else if (dtype === 'int32') out.push(sign * g.nextInt(domain.int[0], domain.int[1] + 1));
    else if (choices) out.push(choices[g.nextInt(0, choices.length)]);
    else out.push(sign * (domain.float[0] + (domain.float[1] - domain.float[0]) * g.nextFloat()));
  }
  return out;
}

/** Values exactly half-way between integers (and a few quarters), for the rounding ops. */
export const HALFWAY_FLOATS: readonly number[] = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, -0.25, 0.75, 1.25, -3.75];
