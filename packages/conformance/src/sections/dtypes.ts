import { BackendError, DTYPES, DTypeError, ValueError, type DType } from '@nnkit/core';
import * as T from '@nnkit/tensor';
import { expectThrows, type Check, type ValueCase } from '../case.js';
import { declared, supports, type SuiteContext } from '../context.js';
import { ALL } from '../dtype-sets.js';
import type { BackendLimits } from '../limits.js';
import { NdArray } from '../reference/ndarray.js';
import { valuesInput, withView, type InputSpec } from '../samples.js';
import type { Section } from '../section.js';

/** Values that show each conversion: truncation toward zero, rounding, ±0, large and small. */
const CAST_SOURCES: Record<DType, readonly number[]> = {
  float32: [-2.7, -1.5, -0.5, -0, 0, 0.4, 1, 2.9, 1000000.5, 123456.789, 0.1, -7],
  float64: [-2.7, -1.5, -0.5, -0, 0, 0.4, 1, 2.9, 1000000.5, 123456.789, 0.1, -7],
  int32: [-2147483648, -5, -1, 0, 1, 7, 16777217, 2147483647, 3, -3, 100, 2],
  bool: [0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0],
};

/** The cast sources, int32's limited to a declared exact range (its edges instead of int32's). */
function castSources(from: DType, limits: BackendLimits): readonly number[] {
  const r = limits.int32Range;
  if (from !== 'int32' || r === undefined) return CAST_SOURCES[from];
  return [-r, -5, -1, 0, 1, 7, r - 1, r, 3, -3, 100, 2];
}

function castCases(from: DType, to: DType, limits: BackendLimits): ValueCase[] {
  const sources = castSources(from, limits);
  const base = valuesInput(sources, from, [3, 4]);
  const inputs: [string, InputSpec][] = [['contiguous', base], ['transposed', withView(valuesInput(sources, from, [4, 3]), { permute: [1, 0] })]];
  if ((from === 'float32' || from === 'float64') && to !== 'int32') {
    inputs.push(['NaN and ±Infinity', valuesInput([Number.NaN, Infinity, -Infinity, 0], from)]);
  }
  if (from === 'float64' && to === 'float32') inputs.push(['overflow and underflow', valuesInput([1e300, -1e300, 1e-300, 3.4028235677973366e38], from)]);
  return inputs.map(([kind, input], i): ValueCase => ({
    name: `cast ${from} → ${to} · ${kind}${i === 0 ? ' (t.to)' : ''}${sources !== CAST_SOURCES[from] ? ` · int32 within the declared ±${limits.int32Range}` : ''}`,
    op: 'cast', dtype: from, inputs: [input], exact: true,
    run: ([x]) => (i === 0 ? x.to(to) : T.cast(x, to)),
    expected: ([x]) => x.cast(to),
  }));
}

/** Mixed-dtype operands: `[label, a, b, op, result dtype]`, following PyTorch's promotion. */
const PROMOTIONS: readonly [string, DType, DType | number | boolean, 'add' | 'mul' | 'div' | 'lt' | 'matmul', DType][] = [
  ['int32 + float32', 'int32', 'float32', 'add', 'float32'],
  ['bool + int32', 'bool', 'int32', 'add', 'int32'],
  ['float32 + float64', 'float32', 'float64', 'add', 'float64'],
  ['int32 + 2.5', 'int32', 2.5, 'add', 'float32'],
  ['float64 + 1', 'float64', 1, 'add', 'float64'],
  ['float32 * 3', 'float32', 3, 'mul', 'float32'],
  ['bool * 2', 'bool', 2, 'mul', 'int32'],
  ['int32 * true', 'int32', true, 'mul', 'int32'],
  ['bool + true', 'bool', true, 'add', 'bool'],
  ['int32 / int32 is true division', 'int32', 'int32', 'div', 'float32'],
  ['int32 < float32', 'int32', 'float32', 'lt', 'bool'],
  ['matmul int32 · float32', 'int32', 'float32', 'matmul', 'float32'],
];

const ELEMENTWISE = {
  add: (p: number, q: number) => p + q,
  mul: (p: number, q: number) => p * q,
  div: (p: number, q: number) => p / q,
  lt: (p: number, q: number) => (p < q ? 1 : 0),
};

function promotionCases(ctx: SuiteContext): ValueCase[] {
  return PROMOTIONS.filter(([, a, b, , out]) => supports(ctx, a, out, ...(typeof b === 'string' ? [b] : [])))
    .map(([label, a, b, op, out]): ValueCase => {
      const left = valuesInput([1, 0, 3, -2, 5, 1], a, [2, 3]);
      const right = typeof b === 'string' ? [valuesInput(op === 'matmul' ? [1, 2, -1, 0.5, 0, 3] : [2, 1, 0.5, 3, 1, 4], b, op === 'matmul' ? [3, 2] : [2, 3])] : [];
      const scalar = typeof b === 'string' ? null : Number(b);
      return {
        name: `promotion · ${label} → ${out}`, op: `promotion ${op}`, dtype: a, inputs: [left, ...right],
        run: ([x, y]) => (op === 'matmul' ? T.matmul(x, y) : T[op](x, y ?? (b as number | boolean))),
        expected: ([x, y]) => {
          const yy = y ?? NdArray.scalar(scalar as number, out);
          const xs = x.cast(out === 'bool' ? 'float64' : out).toArray();
          const ys = yy.cast(out === 'bool' ? 'float64' : out).toArray();
          if (op === 'matmul') {
            return NdArray.fromFn([2, 2], out, ([i, j]) => [0, 1, 2].reduce((s, k) => s + xs[i * 3 + k] * ys[k * 2 + j], 0));
          }
          const f = ELEMENTWISE[op];
          return NdArray.of(xs.map((v, i) => f(v, ys.length === 1 ? ys[0] : ys[i])), [2, 3], out);
        },
      };
    });
}

/** Undeclared dtypes must throw DTypeError naming backend and dtype, from every entry point. */
function undeclaredChecks(ctx: SuiteContext): Check[] {
  const name = ctx.backend.name;
  const some = declared(ctx, ALL)[0];
  return DTYPES.filter((d) => !ctx.dtypes.includes(d)).flatMap((dtype) => {
    const attempts: [string, () => T.Tensor][] = [
      ['tensor', () => T.tensor([1, 0], { dtype })],
      ['zeros', () => T.zeros([2], { dtype })],
      ['full', () => T.full([2], 1, { dtype })],
      ['arange', () => T.arange(3, undefined, 1, { dtype })],
      ['eye', () => T.eye(2, 2, { dtype })],
      ['cast', () => T.tensor([1, 0], { dtype: some }).to(dtype)],
    ];
    if (dtype === 'float32' || dtype === 'float64') attempts.push(['rand', () => T.rand([2], { dtype })]);
    return attempts.map(([op, fn]): Check => ({
      name: `undeclared ${dtype} · ${op} throws DTypeError`,
      run: () => {
        T.tidy(() => {
          try {
            fn();
          } catch (err) {
            if (!(err instanceof DTypeError)) throw new Error(`${op}(${dtype}): threw ${String(err)}, want DTypeError`);
            if (!err.message.includes(name) || !err.message.includes(dtype)) throw new Error(`${op}(${dtype}): message "${err.message}" should name '${name}' and ${dtype}`);
            return;
          }
          throw new Error(`${op}(${dtype}) succeeded on a backend that does not declare ${dtype}`);
        });
      },
    }));
  });
}

function declarationChecks(ctx: SuiteContext): Check[] {
  const arrays: Record<DType, string> = { float32: 'Float32Array', float64: 'Float64Array', int32: 'Int32Array', bool: 'Uint8Array' };
  return [
    { name: 'capabilities.dtypes names known dtypes, each once', run: () => {
      const bad = ctx.dtypes.filter((d, i) => !DTYPES.includes(d) || ctx.dtypes.indexOf(d) !== i);
      if (ctx.dtypes.length === 0 || bad.length > 0) throw new Error(`capabilities.dtypes is [${ctx.dtypes.join(', ')}]`);
    } },
    ...ctx.dtypes.map((d): Check => ({ name: `${d} reads back as ${arrays[d]}`, run: async () => {
      const t = T.tensor([1, 0], { dtype: d });
      try {
        const v = await t.data();
        if (v.constructor.name !== arrays[d] || t.dtype !== d) throw new Error(`${d}: dtype ${t.dtype}, data() gave ${v.constructor.name}`);
      } finally {
        t.dispose();
      }
    } })),
  ];
}

/** The reading API: item, toArray, dataSync (or its refusal) agree with data(). */
function readingChecks(ctx: SuiteContext): Check[] {
  return ctx.dtypes.map((d): Check => ({
    name: `reading · ${d} · item, toArray and dataSync agree with data()`,
    run: async () => {
      await T.tidy(async () => {
        const x = T.tensor([[1, 0, 3], [0, 2, 1]], { dtype: d });
        const view = x.T.slice([[1, null]]);
        const flat = Array.from(await view.data());
        const nested = JSON.stringify(await view.toArray());
        const wantFlat = [0, 2, 3, 1].map((v) => (d === 'bool' ? Number(v !== 0) : v));
        const want = JSON.stringify([wantFlat.slice(0, 2), wantFlat.slice(2)].map((r) => r.map((v) => (d === 'bool' ? v === 1 : v))));
        if (flat.join() !== wantFlat.join() || nested !== want) throw new Error(`${d}: data() ${flat.join()}, toArray() ${nested}`);
        const item = await x.select(0, 0).select(0, 2).item();
        if (item !== (d === 'bool' ? 1 : 3)) throw new Error(`${d}: item() is ${item}`);
        if (ctx.backend.capabilities.syncRead) {
          if (Array.from(view.dataSync()).join() !== flat.join()) throw new Error(`${d}: dataSync() ${Array.from(view.dataSync()).join()}`);
        } else {
          expectThrows(() => view.dataSync(), { throws: BackendError, mentions: ['dataSync', ctx.backend.name] }, 'dataSync');
        }
      });
    },
  }));
}

/** A declared int32 range is enforced: values beyond it are refused, never silently rounded. */
function int32RangeChecks(ctx: SuiteContext): Check[] {
  const r = ctx.limits.int32Range;
  if (r === undefined || !supports(ctx, 'int32')) return [];
  const attempts: [string, () => T.Tensor][] = [
    [`tensor([0, ${r + 1}])`, () => T.tensor([0, r + 1], { dtype: 'int32' })],
    [`tensor([${-r - 1}])`, () => T.tensor([-r - 1], { dtype: 'int32' })],
    ['full([2], 2147483647)', () => T.full([2], 2147483647, { dtype: 'int32' })],
  ];
  return attempts.map(([op, fn]): Check => ({
    name: `int32 beyond the declared ±${r} · ${op} throws ValueError`,
    run: () => T.tidy(() => expectThrows(fn, { throws: ValueError, mentions: [String(r)] }, op)),
  }));
}

/** Declared dtypes round-trip and cast; undeclared ones are refused; mixed operands promote. */
export const dtypesSection: Section = {
  name: 'dtypes',
  valueCases: (ctx) => [
    ...declared(ctx, ALL).flatMap((from) => declared(ctx, ALL).flatMap((to) => castCases(from, to, ctx.limits))),
    ...promotionCases(ctx),
  ],
  checks: (ctx) => [...declarationChecks(ctx), ...readingChecks(ctx), ...undeclaredChecks(ctx), ...int32RangeChecks(ctx)],
};
