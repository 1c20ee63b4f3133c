import type { DType } from '@nnkit/core';
import type { Tensor } from '@nnkit/tensor';
import type { ValueCase } from '../case.js';
import { declared, supports, type SuiteContext } from '../context.js';
import { EXTREME_FLOATS, HALFWAY_FLOATS, SPECIAL_FLOATS, generatorFor, type Domain } from '../domains.js';
import { int32EdgeLabel, int32Edges, type IntGrowth } from '../limits.js';
import type { ScalarFn } from '../reference/elementwise.js';
import { LAYOUTS, layoutInput, valuesInput, type InputSpec } from '../samples.js';

/** One elementwise op of one operand, as the unary and activation sections describe it. */
export interface UnarySpec {
  /** Title, e.g. `exp` or `leakyRelu(0.2)`. */
  readonly name: string;
  /** The function form (`exp(x)`). */
  readonly fn: (x: Tensor) => Tensor;
  /** The method form (`x.exp()`). */
  readonly method: (x: Tensor) => Tensor;
  readonly ref: ScalarFn;
  /** The reference when computing in int32, if it differs (products must wrap exactly). */
  readonly intRef?: ScalarFn;
  /** Input dtypes to test (those the backend declares are kept). */
  readonly dtypes: readonly DType[];
  /** The dtype the op computes and returns in, per input dtype (default: the input's). */
  readonly compute?: (dtype: DType) => DType;
  /** The result dtype when it differs from the compute dtype (comparisons give bool). */
  readonly out?: DType;
  readonly domain: Domain;
  /** Skip ±1e30 (periodic functions lose all meaning there). */
  readonly noHuge?: boolean;
  /** Also test int32 at the edges of its range (ops that stay in int32). */
  readonly intEdges?: boolean;
  /** How its int32 results grow (square: products), for backends with a narrower int32 range. */
  readonly intGrowth?: IntGrowth;
  /** Also test exact half-way values (rounding ops). */
  readonly halfway?: boolean;
}

/** The shape most layouts use: 3-d, so that views mix several strides. */
export const SAMPLE_SHAPE: readonly number[] = [2, 3, 4];

function oneCase(spec: UnarySpec, dtype: DType, kind: string, input: InputSpec, viaMethod = false): ValueCase {
  const compute = spec.compute?.(dtype) ?? dtype;
  const out = spec.out ?? compute;
  return {
    name: `${spec.name} · ${dtype} · ${kind}`,
    op: spec.name,
    dtype,
    inputs: [input],
    run: ([x]) => (viaMethod ? spec.method(x) : spec.fn(x)),
    expected: ([x]) => x.cast(compute).map(compute === 'int32' ? (spec.intRef ?? spec.ref) : spec.ref, out),
  };
}

/**
 * The cases of one unary op: every layout, the method form, and the edge values that apply
 * (huge / tiny / ±0, NaN / ±Infinity, int32 limits, half-way values).
 */
export function unaryCases(ctx: SuiteContext, spec: UnarySpec): ValueCase[] {
  const cases: ValueCase[] = [];
  for (const dtype of declared(ctx, spec.dtypes)) {
    const compute = spec.compute?.(dtype) ?? dtype;
    if (!supports(ctx, compute, spec.out ?? compute)) continue;
    for (const layout of LAYOUTS) {
      const g = generatorFor(`${spec.name}/${dtype}/${layout}`);
      cases.push(oneCase(spec, dtype, layout, layoutInput(layout, SAMPLE_SHAPE, dtype, spec.domain, g)));
    }
    const g = generatorFor(`${spec.name}/${dtype}/method`);
    cases.push(oneCase(spec, dtype, 'method', layoutInput('contiguous', [3, 4], dtype, spec.domain, g), true));
    if (dtype === 'float32' || dtype === 'float64') {
      const huge = spec.noHuge ? EXTREME_FLOATS.filter((v) => Math.abs(v) < 1e20) : EXTREME_FLOATS;
      cases.push(oneCase(spec, dtype, 'extreme values', valuesInput(huge, dtype)));
      cases.push(oneCase(spec, dtype, 'NaN and ±Infinity', valuesInput(SPECIAL_FLOATS, dtype)));
      if (spec.halfway) cases.push(oneCase(spec, dtype, 'half-way values', valuesInput(HALFWAY_FLOATS, dtype)));
    }
    if (dtype === 'int32' && spec.intEdges) cases.push(oneCase(spec, dtype, int32EdgeLabel(ctx.limits), valuesInput(int32Edges(ctx.limits, spec.intGrowth), dtype)));
  }
  return cases;
}
