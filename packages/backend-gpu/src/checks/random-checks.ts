import { DTypeError, ValueError } from '@nnkit/core';
import { check, expectEqual, expectThrows, expectTrue } from './harness.js';

const N = 20000;

function stats(v: ArrayLike<number>): { mean: number; std: number } {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const mean = s / v.length;
  let q = 0;
  for (let i = 0; i < v.length; i++) q += (v[i] - mean) ** 2;
  return { mean, std: Math.sqrt(q / v.length) };
}

/** random: purity, ranges, moments, independence, errors. */
export const randomChecks = [
  check('random is a pure function of the key', async (b) => {
    const u = { kind: 'uniform', low: 0, high: 1 } as const;
    const a = await b.read(b.random(u, 1000, 'float32', [1, 2]));
    const again = await b.read(b.random(u, 1000, 'float32', [1, 2]));
    const other = await b.read(b.random(u, 1000, 'float32', [1, 3]));
    expectEqual(again, Array.from(a), 'same key');
    let same = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === other[i]) same++;
    expectTrue(same < 5, `a different key gives different numbers (${same} equal)`);
    const prefix = await b.read(b.random(u, 10, 'float32', [1, 2]));
    expectEqual(prefix, Array.from(a.slice(0, 10)), 'sample i does not depend on the size');
  }),
  check('uniform samples fill [low, high) evenly and independently', async (b) => {
    const v = await b.read(b.random({ kind: 'uniform', low: -2, high: 3 }, N, 'float32', [7, 11]));
    const bins = new Array<number>(20).fill(0);
    let lag = 0;
    for (let i = 0; i < N; i++) {
      expectTrue(v[i] >= -2 && v[i] <= 3, `sample ${v[i]} outside [-2, 3]`);
      bins[Math.min(19, Math.floor((v[i] + 2) * 4))]++;
      if (i > 0) lag += ((v[i] - 0.5) / 2.5) * ((v[i - 1] - 0.5) / 2.5);
    }
    const e = N / 20;
    const chi2 = bins.reduce((s, c) => s + (c - e) ** 2 / e, 0);
    expectTrue(chi2 < 43.8, `chi-square over 20 bins ${chi2.toFixed(1)} (p < 0.001 above 43.8)`);
    const { mean, std } = stats(v);
    expectTrue(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
    expectTrue(Math.abs(std - 5 / Math.sqrt(12)) < 0.03, `std ${std}`);
    expectTrue(Math.abs(lag / N) < 0.03 * (1 / 3), `lag-1 correlation ${(lag / N) * 3}`);
  }),
  check('normal samples have the asked mean and std', async (b) => {
    const v = await b.read(b.random({ kind: 'normal', mean: 1, std: 2 }, N, 'float32', [3, 4]));
    const { mean, std } = stats(v);
    expectTrue(Math.abs(mean - 1) < 0.05, `mean ${mean}`);
    expectTrue(Math.abs(std - 2) < 0.05, `std ${std}`);
    let tail = 0;
    for (let i = 0; i < N; i++) if (Math.abs(v[i] - 1) > 4) tail++;
    expectTrue(tail > 500 && tail < 1400, `|z| > 2 for ${tail} of ${N} (≈ 910)`);
    expectTrue(v.every(Number.isFinite), 'all finite');
  }),
  check('bernoulli samples hit with probability p, in every dtype', async (b) => {
    const v = await b.read(b.random({ kind: 'bernoulli', p: 0.3 }, N, 'float32', [5, 6]));
    const hits = Array.from(v).reduce((s, x) => s + x, 0);
    expectTrue(v.every((x) => x === 0 || x === 1), 'zeros and ones');
    expectTrue(Math.abs(hits / N - 0.3) < 0.015, `frequency ${hits / N}`);
    const bools = await b.read(b.random({ kind: 'bernoulli', p: 1 }, 5, 'bool', [5, 6]));
    expectTrue(bools instanceof Uint8Array, 'bool dtype');
    expectEqual(bools, [1, 1, 1, 1, 1]);
    expectEqual(await b.read(b.random({ kind: 'bernoulli', p: 0 }, 3, 'int32', [5, 6])), [0, 0, 0]);
    expectEqual(await b.read(b.random({ kind: 'bernoulli', p: 0.5 }, 0, 'float32', [5, 6])), []);
  }),
  check('random refuses bad parameters and dtypes', async (b) => {
    expectThrows(() => b.random({ kind: 'bernoulli', p: 1.5 }, 3, 'float32', [1, 1]), ValueError, 'p');
    expectThrows(() => b.random({ kind: 'uniform', low: 2, high: 1 }, 3, 'float32', [1, 1]), ValueError, 'low');
    expectThrows(() => b.random({ kind: 'normal', mean: 0, std: -1 }, 3, 'float32', [1, 1]), ValueError, 'std');
    expectThrows(() => b.random({ kind: 'normal', mean: 0, std: 1 }, 3, 'int32', [1, 1]), DTypeError, 'float32');
  }),
];
