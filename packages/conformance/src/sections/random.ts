import { Generator, type DType } from '@nnkit/core';
import { bernoulli, defaultGenerator, manualSeed, rand, randint, randn, type Tensor } from '@nnkit/tensor';
import type { Check } from '../case.js';
import { declared, supports, type SuiteContext } from '../context.js';
import { FLOATS } from '../dtype-sets.js';
import type { Section } from '../section.js';

const N = 4096;

/** Runs `fn` with the default generator's state saved and restored around it. */
async function withSeedRestored(fn: () => Promise<void>): Promise<void> {
  const saved = defaultGenerator().getState();
  try {
    await fn();
  } finally {
    defaultGenerator().setState(saved);
  }
}

/** Reads and disposes a tensor. */
async function take(t: Tensor): Promise<number[]> {
  try {
    return Array.from(await t.data());
  } finally {
    t.dispose();
  }
}

function moments(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, variance };
}

function near(what: string, got: number, want: number, tol: number): void {
  if (!(Math.abs(got - want) <= tol)) throw new Error(`${what} is ${got}, want ${want} ± ${tol}`);
}

function same(what: string, a: readonly number[], b: readonly number[]): void {
  const i = a.findIndex((v, k) => !Object.is(v, b[k]));
  if (i >= 0 || a.length !== b.length) throw new Error(`${what}: element ${i} is ${a[i]} then ${b[i]}`);
}

/** Same seed → same values; another seed or the next draw → other values. */
function determinism(label: string, draw: () => Tensor): Check[] {
  return [
    { name: `${label} · same manualSeed gives the same values`, run: () => withSeedRestored(async () => {
      manualSeed(1234);
      const a = await take(draw());
      manualSeed(1234);
      same(label, a, await take(draw()));
    }) },
    { name: `${label} · another seed and the next draw give other values`, run: () => withSeedRestored(async () => {
      manualSeed(1234);
      const a = await take(draw());
      const next = await take(draw());
      manualSeed(4321);
      const other = await take(draw());
      if (a.every((v, i) => v === next[i])) throw new Error(`${label}: two draws in a row were equal`);
      if (a.every((v, i) => v === other[i])) throw new Error(`${label}: seeds 1234 and 4321 gave the same values`);
    }) },
  ];
}

function floatChecks(dtype: DType): Check[] {
  const check = (name: string, run: () => Promise<void>): Check => ({ name: `${name} · ${dtype}`, run: () => withSeedRestored(run) });
  const sd = (n: number) => 5 / Math.sqrt(n);
  return [
    ...determinism(`rand · ${dtype}`, () => rand([257], { dtype })),
    ...determinism(`randn · ${dtype} (odd size)`, () => randn([3, 5], { dtype })),
    ...determinism(`bernoulli · ${dtype}`, () => bernoulli([300], 0.5, { dtype })),
    check('rand lies in [0, 1) with mean 1/2 and variance 1/12', async () => {
      manualSeed(7);
      const v = await take(rand([N], { dtype }));
      if (v.some((x) => !(x >= 0 && x < 1))) throw new Error(`rand: ${v.find((x) => !(x >= 0 && x < 1))} is outside [0, 1)`);
      const m = moments(v);
      near('rand mean', m.mean, 0.5, sd(N) * Math.sqrt(1 / 12));
      near('rand variance', m.variance, 1 / 12, sd(N) * 0.075);
    }),
    check('rand with low -2, high 3 lies in [-2, 3)', async () => {
      manualSeed(8);
      const v = await take(rand([N], { dtype, low: -2, high: 3 }));
      if (v.some((x) => !(x >= -2 && x < 3))) throw new Error(`rand: ${v.find((x) => !(x >= -2 && x < 3))} is outside [-2, 3)`);
      near('rand(-2, 3) mean', moments(v).mean, 0.5, sd(N) * 5 * Math.sqrt(1 / 12));
    }),
    check('randn has mean 0 and std 1', async () => {
      manualSeed(9);
      const m = moments(await take(randn([N], { dtype })));
      near('randn mean', m.mean, 0, sd(N));
      near('randn std', Math.sqrt(m.variance), 1, sd(2 * N));
    }),
    check('randn with mean 3 and std 0.5', async () => {
      manualSeed(10);
      const m = moments(await take(randn([N], { dtype, mean: 3, std: 0.5 })));
      near('randn mean', m.mean, 3, 0.5 * sd(N));
      near('randn std', Math.sqrt(m.variance), 0.5, 0.5 * sd(2 * N));
    }),
    check('bernoulli(0.3) is 0 or 1 with mean 0.3', async () => {
      manualSeed(11);
      const v = await take(bernoulli([N], 0.3, { dtype }));
      if (v.some((x) => x !== 0 && x !== 1)) throw new Error(`bernoulli: ${v.find((x) => x !== 0 && x !== 1)} is not 0 or 1`);
      near('bernoulli mean', moments(v).mean, 0.3, sd(N) * Math.sqrt(0.21));
    }),
    check('shapes [] and [0] draw one and no values', async () => {
      const s = rand([], { dtype });
      const e = randn([0, 3], { dtype });
      const shapes = `${JSON.stringify(s.shape)} ${JSON.stringify(e.shape)}`;
      const counts = `${(await take(s)).length} ${(await take(e)).length}`;
      if (shapes !== '[] [0,3]' || counts !== '1 0') throw new Error(`rand([]), randn([0,3]): shapes ${shapes}, ${counts} values`);
    }),
  ];
}

function intChecks(): Check[] {
  return [
    ...determinism('randint(0, 10) · int32', () => randint(0, 10, [500])),
    { name: 'randint(-3, 4) gives every integer in [-3, 4) and nothing else', run: () => withSeedRestored(async () => {
      manualSeed(12);
      const t = randint(-3, 4, [2000]);
      if (t.dtype !== 'int32') throw new Error(`randint: dtype ${t.dtype}, want int32`);
      const seen = new Set(await take(t));
      const want = [-3, -2, -1, 0, 1, 2, 3];
      if (seen.size !== want.length || want.some((w) => !seen.has(w))) throw new Error(`randint: values ${[...seen].sort((a, b) => a - b).join(',')}`);
    }) },
  ];
}

/** A private Generator leaves the default stream alone. */
function generatorChecks(dtype: DType): Check[] {
  return [{ name: `rand with { generator } · ${dtype} is reproducible and leaves the default stream alone`, run: () => withSeedRestored(async () => {
    same('generator', await take(rand([16], { dtype, generator: new Generator(99) })), await take(rand([16], { dtype, generator: new Generator(99) })));
    manualSeed(5);
    const a = await take(rand([8], { dtype }));
    manualSeed(5);
    await take(rand([8], { dtype, generator: new Generator(6) }));
    same('default stream', a, await take(rand([8], { dtype })));
  }) }];
}

/** rand / randn / randint / bernoulli: determinism under manualSeed, ranges, moments. */
export const randomSection: Section = {
  name: 'random',
  checks: (ctx: SuiteContext): Check[] => [
    ...declared(ctx, FLOATS).flatMap((d) => [...floatChecks(d), ...generatorChecks(d)]),
    ...(supports(ctx, 'int32') && declared(ctx, FLOATS).length ? intChecks() : []),
  ],
};
