import type { DType } from '@nnkit/core';
import { clamp, where } from '@nnkit/tensor';
import type { ValueCase } from '../case.js';
import { declared } from '../context.js';
import { DOMAINS, SPECIAL_FLOATS, generatorFor } from '../domains.js';
import { ALL, NUMERIC } from '../dtype-sets.js';
import { zipWith } from '../reference/broadcast.js';
import type { NdArray } from '../reference/ndarray.js';
import { LAYOUTS, layoutInput, valuesInput, type InputSpec, type Layout } from '../samples.js';
import type { Section } from '../section.js';

const pick = (c: number, a: number, b: number): number => (c !== 0 ? a : b);

function whereCases(dtype: DType): ValueCase[] {
  const g = generatorFor(`where/${dtype}`);
  const domain = dtype === 'bool' ? DOMAINS.ties : DOMAINS.real;
  const cond = (layout: Layout, shape: readonly number[]) => layoutInput(layout, shape, 'bool', DOMAINS.ties, g);
  const val = (layout: Layout, shape: readonly number[]) => layoutInput(layout, shape, dtype, domain, g);
  const three = (refs: readonly NdArray[]) => zipWith(refs, dtype, pick);
  const whereOf: ValueCase['run'] = ([c, a, b]) => where(c, a, b);
  const make = (kind: string, inputs: InputSpec[], run = whereOf, expected: ValueCase['expected'] = three): ValueCase =>
    ({ name: `where · ${dtype} · ${kind}`, op: 'where', dtype, inputs, run, expected, exact: true });
  const cases = [
    make('same shape', [cond('contiguous', [2, 3, 4]), val('contiguous', [2, 3, 4]), val('contiguous', [2, 3, 4])]),
    make('broadcast [3,1] · [4] · 0-d', [cond('contiguous', [3, 1]), val('contiguous', [4]), val('scalar', [])]),
    make('transposed · strided · expanded', [cond('transposed', [3, 4]), val('strided', [3, 4]), val('expanded', [3, 4])]),
    make('empty', [cond('empty', [0, 3]), val('contiguous', [3]), val('contiguous', [3])]),
    make(
      'method x.where(cond, y)',
      [val('contiguous', [3, 4]), cond('contiguous', [3, 4]), val('contiguous', [3, 4])],
      ([a, c, b]) => a.where(c, b),
      ([a, c, b]) => three([c, a, b]),
    ),
  ];
  if (dtype !== 'bool') {
    cases.push(make(
      'JS number branch',
      [cond('contiguous', [3, 4]), val('contiguous', [3, 4])],
      ([c, a]) => where(c, a, -3),
      ([c, a]) => zipWith([c, a], dtype, (p, v) => pick(p, v, -3)),
    ));
    const numeric = layoutInput('contiguous', [3, 4], dtype, DOMAINS.ties, g);
    cases.push(make('numeric condition (x != 0)', [numeric, val('contiguous', [3, 4]), val('contiguous', [3, 4])]));
  }
  if (dtype === 'float32' || dtype === 'float64') {
    const c = valuesInput(SPECIAL_FLOATS.map((_, i) => i % 2), 'bool');
    cases.push(make('NaN and ±Infinity pass through', [c, valuesInput(SPECIAL_FLOATS, dtype), valuesInput([...SPECIAL_FLOATS].reverse(), dtype)]));
  }
  return cases;
}

/** torch.clamp: NaN stays NaN, and min > max gives max everywhere. */
const clampRef = (lo: number | null, hi: number | null) => (x: number): number => {
  if (Number.isNaN(x)) return x;
  const up = lo === null ? x : Math.max(x, lo);
  return hi === null ? up : Math.min(up, hi);
};

function clampCases(dtype: DType): ValueCase[] {
  const bounds: [number | null, number | null][] = dtype === 'int32'
    ? [[-2, 3], [0, null], [null, 1], [2, -1]]
    : [[-1, 1], [0, null], [null, 0.5], [1, 0]];
  const cases: ValueCase[] = [];
  for (const [lo, hi] of bounds) {
    const label = `clamp(${lo}, ${hi})`;
    const inputs: [string, InputSpec][] = LAYOUTS.map((l) => [l, layoutInput(l, [2, 3, 4], dtype, DOMAINS.real, generatorFor(`${label}/${dtype}/${l}`))]);
    if (dtype !== 'int32') inputs.push(['NaN and ±Infinity', valuesInput(SPECIAL_FLOATS, dtype)]);
    for (const [kind, input] of inputs) {
      cases.push({
        name: `${label} · ${dtype} · ${kind}`,
        op: 'clamp',
        dtype,
        inputs: [input],
        run: ([x]) => (kind === 'contiguous' ? x.clamp(lo, hi) : clamp(x, lo, hi)),
        expected: ([x]) => x.map(clampRef(lo, hi)),
        exact: true,
      });
    }
  }
  return cases;
}

/** where (selection with broadcasting and JS-number branches) and clamp. */
export const whereClampSection: Section = {
  name: 'where and clamp',
  valueCases: (ctx) => [
    // The condition is bool, so where needs a backend that declares bool.
    ...(ctx.dtypes.includes('bool') ? declared(ctx, ALL).flatMap((d) => whereCases(d)) : []),
    ...declared(ctx, NUMERIC).flatMap((d) => clampCases(d)),
  ],
};
