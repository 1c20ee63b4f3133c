import type { DType } from '@nnkit/core';
import * as T from '@nnkit/tensor';
import type { ValueCase } from '../case.js';
import { declared, supports, type SuiteContext } from '../context.js';
import { DOMAINS, EXTREME_FLOATS, SPECIAL_FLOATS, generatorFor, sampleValues, type Domain } from '../domains.js';
import { ALL, NUMERIC, floatMath } from '../dtype-sets.js';
import { int32EdgeLabel, int32Edges, type IntGrowth } from '../limits.js';
import { zipWith } from '../reference/broadcast.js';
import { BINARY_REF, type BinaryName } from '../reference/elementwise.js';
import { NdArray } from '../reference/ndarray.js';
import { crossInputs, layoutInput, type InputSpec } from '../samples.js';
import type { Section } from '../section.js';

interface BinarySpec {
  readonly name: BinaryName;
  readonly dtypes: readonly DType[];
  /** The dtype both operands are computed in (div: float32 for integers). */
  readonly compute?: (dtype: DType) => DType;
  /** Comparisons and logic give bool. */
  readonly out?: DType;
  readonly a: Domain;
  readonly b: Domain;
  /** Also meet int32's limits (ops whose int32 overflow is defined: wrap-around). */
  readonly intEdges?: boolean;
  /** How its int32 results grow, for backends with a narrower int32 range. */
  readonly intGrowth?: IntGrowth;
  /** Skip the ±1e30 / ±0 cross product. */
  readonly noExtremes?: boolean;
}

const WITH_BOOL: readonly DType[] = ALL;
const logic = (name: BinaryName): BinarySpec => ({ name, dtypes: WITH_BOOL, out: 'bool', a: DOMAINS.ties, b: DOMAINS.ties, intEdges: true });

/** Every binary elementwise op of `@nnkit/tensor`, with the dtypes PyTorch defines it for. */
export const BINARY_SPECS: readonly BinarySpec[] = [
  { name: 'add', dtypes: WITH_BOOL, a: DOMAINS.real, b: DOMAINS.real, intEdges: true, intGrowth: 'sum' },
  { name: 'sub', dtypes: NUMERIC, a: DOMAINS.real, b: DOMAINS.real, intEdges: true, intGrowth: 'sum' },
  { name: 'mul', dtypes: WITH_BOOL, a: DOMAINS.real, b: DOMAINS.real, intEdges: true, intGrowth: 'product' },
  { name: 'div', dtypes: NUMERIC, compute: floatMath, a: DOMAINS.real, b: DOMAINS.nonzero, intEdges: true },
  { name: 'pow', dtypes: NUMERIC, a: DOMAINS.base, b: DOMAINS.exponent },
  { name: 'maximum', dtypes: WITH_BOOL, a: DOMAINS.ties, b: DOMAINS.ties, intEdges: true },
  { name: 'minimum', dtypes: WITH_BOOL, a: DOMAINS.ties, b: DOMAINS.ties, intEdges: true },
  logic('eq'), logic('ne'), logic('lt'), logic('le'), logic('gt'), logic('ge'), logic('logicalAnd'), logic('logicalOr'),
];

/** Operand pairs by name: broadcasting, 0-d, empty and non-contiguous combinations. */
function operandPairs(dtype: DType, spec: BinarySpec): [string, InputSpec, InputSpec][] {
  const g = generatorFor(`${spec.name}/${dtype}`);
  const a = (layout: Parameters<typeof layoutInput>[0], shape: readonly number[]) => layoutInput(layout, shape, dtype, spec.a, g);
  const b = (layout: Parameters<typeof layoutInput>[0], shape: readonly number[]) => layoutInput(layout, shape, dtype, spec.b, g);
  return [
    ['0-d · 0-d', a('scalar', []), b('scalar', [])],
    ['same shape', a('contiguous', [2, 3, 4]), b('contiguous', [2, 3, 4])],
    ['broadcast [3,1] · [4]', a('contiguous', [3, 1]), b('contiguous', [4])],
    ['broadcast [2,1,4] · [3,1]', a('contiguous', [2, 1, 4]), b('contiguous', [3, 1])],
    ['0-d · [3,4]', a('scalar', []), b('contiguous', [3, 4])],
    ['empty [0,3] · [3]', a('empty', [0, 3]), b('contiguous', [3])],
    ['transposed · strided', a('transposed', [3, 4]), b('strided', [3, 4])],
    ['strided · expanded', a('strided', [2, 3, 4]), b('expanded', [2, 3, 4])],
  ];
}

function binaryCase(spec: BinarySpec, dtype: DType, kind: string, inputs: InputSpec[], run: ValueCase['run'], scalar?: { value: number; left: boolean }): ValueCase {
  const compute = spec.compute?.(dtype) ?? dtype;
  const fn = BINARY_REF[spec.name](compute);
  return {
    name: `${spec.name} · ${dtype} · ${kind}`,
    op: spec.name,
    dtype,
    inputs,
    run,
    expected: (refs) => {
      const ops = refs.map((r) => r.cast(compute));
      if (scalar) {
        const s = NdArray.scalar(scalar.value, compute);
        ops.splice(scalar.left ? 0 : 1, 0, s);
      }
      return zipWith(ops, spec.out ?? compute, fn);
    },
  };
}

function binaryCases(ctx: SuiteContext, spec: BinarySpec): ValueCase[] {
  const f = T[spec.name];
  const cases: ValueCase[] = [];
  for (const dtype of declared(ctx, spec.dtypes)) {
    const compute = spec.compute?.(dtype) ?? dtype;
    if (!supports(ctx, compute, spec.out ?? compute)) continue;
    const add = (kind: string, inputs: InputSpec[], run: ValueCase['run'], scalar?: { value: number; left: boolean }) =>
      cases.push(binaryCase(spec, dtype, kind, inputs, run, scalar));
    for (const [kind, a, b] of operandPairs(dtype, spec)) add(kind, [a, b], ([x, y]) => f(x, y));
    const g = generatorFor(`${spec.name}/${dtype}/scalar`);
    const x = layoutInput('contiguous', [3, 4], dtype, spec.a, g);
    const y = layoutInput('transposed', [3, 4], dtype, spec.b, g);
    add('method', [x, y], ([p, q]) => p[spec.name](q));
    if (dtype !== 'bool') {
      // Quarters print short in titles and are exact in every float dtype.
      const short = (v: number) => (dtype === 'int32' ? v : Math.round(v * 4) / 4);
      const c = short(sampleValues(spec.b, dtype, 1, g)[0]);
      add(`tensor · JS number ${c}`, [x], ([p]) => f(p, c), { value: c, left: false });
      const d = short(sampleValues(spec.a, dtype, 1, g)[0]);
      add(`JS number ${d} · tensor`, [y], ([q]) => f(d, q), { value: d, left: true });
    }
    const isFloat = dtype === 'float32' || dtype === 'float64';
    if (isFloat && !spec.noExtremes) add('extreme values (all pairs)', crossInputs(EXTREME_FLOATS, dtype), ([p, q]) => f(p, q));
    if (isFloat) add('NaN and ±Infinity (all pairs)', crossInputs(SPECIAL_FLOATS, dtype), ([p, q]) => f(p, q));
    if (dtype === 'int32' && spec.intEdges) add(`${int32EdgeLabel(ctx.limits)} (all pairs)`, crossInputs(int32Edges(ctx.limits, spec.intGrowth), dtype), ([p, q]) => f(p, q));
  }
  return cases;
}

/** Binary elementwise ops and comparisons: broadcasting, promotion of JS numbers, edge values. */
export const binarySection: Section = {
  name: 'elementwise binary',
  valueCases: (ctx) => BINARY_SPECS.flatMap((s) => binaryCases(ctx, s)),
};
