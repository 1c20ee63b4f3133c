import { ValueError } from './errors.js';

/** Two 32-bit words that seed one random fill on a backend (counter-based, see `randomBits`). */
export type RandomKey = readonly [number, number];

/** The whole state of a `Generator`, as plain numbers, for checkpoints. */
export interface GeneratorState {
  readonly algorithm: 'xoshiro128**';
  readonly s: readonly [number, number, number, number];
}

function splitmix32(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * A seeded pseudo-random generator (xoshiro128**) whose state can be saved and restored.
 *
 * @example
 * const g = new Generator(42);
 * g.nextFloat(); // same value for every run seeded with 42
 * const saved = g.getState(); g.nextFloat(); g.setState(saved); // replays
 */
export class Generator {
  private s = new Uint32Array(4);

  constructor(seed = 0) {
    this.seed(seed);
  }

  /** Resets the state from an integer seed. */
  seed(seed: number): void {
    if (!Number.isFinite(seed)) throw new ValueError(`Generator.seed: seed must be a finite number, got ${seed}`);
    const next = splitmix32(Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32));
    for (let i = 0; i < 4; i++) this.s[i] = next();
    if ((this.s[0] | this.s[1] | this.s[2] | this.s[3]) === 0) this.s[0] = 1;
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** A float64 uniformly distributed in [0, 1) with 53 random bits. */
  nextFloat(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** An integer uniformly distributed in [low, high). */
  nextInt(low: number, high: number): number {
    return low + Math.floor(this.nextFloat() * (high - low));
  }

  /** A standard normal sample (Box–Muller). */
  nextNormal(): number {
    const u1 = 1 - this.nextFloat();
    const u2 = this.nextFloat();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Two fresh words that seed one counter-based fill on a backend. */
  nextKey(): RandomKey {
    return [this.nextUint32(), this.nextUint32()];
  }

  /** A copy of the state, plain data that survives JSON. */
  getState(): GeneratorState {
    return { algorithm: 'xoshiro128**', s: [this.s[0], this.s[1], this.s[2], this.s[3]] };
  }

  /** Restores a state from `getState()`. */
  setState(state: GeneratorState): void {
    if (state?.algorithm !== 'xoshiro128**' || !Array.isArray(state.s) || state.s.length !== 4) {
      throw new ValueError('Generator.setState: not a state saved by Generator.getState()');
    }
    for (let i = 0; i < 4; i++) this.s[i] = state.s[i] >>> 0;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * Counter-based random bits: the `counter`-th 32-bit word of the stream named by `key`.
 * Backends use it so that a fill is a pure function of (key, index) and parallelises.
 */
export function randomBits(key: RandomKey, counter: number): number {
  let h = Math.imul(key[0] ^ Math.imul(counter >>> 0, 0x9e3779b1), 0x85ebca6b) ^ key[1];
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  h ^= Math.imul(key[1] ^ (counter >>> 0), 0x165667b1);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Maps 32 random bits to a float in (0, 1]: never 0, so `log` of it is finite. */
export function bitsToUnitFloat(bits: number): number {
  return (bits + 1) / 4294967296;
}
