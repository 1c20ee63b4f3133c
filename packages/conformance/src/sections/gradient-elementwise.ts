import * as T from '@nnkit/tensor';
import type { Tensor } from '@nnkit/tensor';
import { DOMAINS, type Domain } from '../domains.js';
import { valuesInput, type InputSpec, type Layout } from '../samples.js';
import { fanIn, floatInput, type GradSpec } from './gradient-case.js';

/*
 * Gradient cases of the elementwise ops, activations, where and clamp. Domains keep every
 * sample away from the points where an op is not differentiable (|x| at 0, relu at 0,
 * maximum at ties, clamp at its bounds) so that finite differences are meaningful.
 */

type Unary = readonly [name: string, fn: (x: Tensor) => Tensor, domain: Domain];

const UNARY: readonly Unary[] = [
  ['neg', (x) => x.neg(), DOMAINS.real],
  ['abs', (x) => x.abs(), DOMAINS.nonzero],
  ['sign', (x) => x.sign(), DOMAINS.nonzero],
  ['square', (x) => x.square(), DOMAINS.real],
  ['floor', (x) => x.floor(), DOMAINS.real],
  ['ceil', (x) => x.ceil(), DOMAINS.real],
  ['round', (x) => x.round(), DOMAINS.real],
  ['exp', (x) => x.exp(), DOMAINS.wide],
  ['log', (x) => x.log(), DOMAINS.positive],
  ['log1p', (x) => x.log1p(), DOMAINS.aboveMinusOne],
  ['expm1', (x) => x.expm1(), DOMAINS.real],
  ['sqrt', (x) => x.sqrt(), DOMAINS.positive],
  ['rsqrt', (x) => x.rsqrt(), DOMAINS.positive],
  ['reciprocal', (x) => x.reciprocal(), DOMAINS.nonzero],
  ['sin', (x) => x.sin(), DOMAINS.wide],
  ['cos', (x) => x.cos(), DOMAINS.wide],
  ['tanh', (x) => x.tanh(), DOMAINS.real],
  ['sigmoid', (x) => x.sigmoid(), DOMAINS.wide],
  ['erf', (x) => x.erf(), DOMAINS.real],
  ['relu', (x) => x.relu(), DOMAINS.nonzero],
  ['leakyRelu(0.2)', (x) => x.leakyRelu(0.2), DOMAINS.nonzero],
  ['elu', (x) => x.elu(), DOMAINS.nonzero],
  ['elu(0.5)', (x) => T.elu(x, 0.5), DOMAINS.nonzero],
  ['gelu', (x) => x.gelu(), DOMAINS.real],
  ["gelu('tanh')", (x) => x.gelu('tanh'), DOMAINS.real],
  ['softplus', (x) => x.softplus(), DOMAINS.wide],
  ['softplus(2, 1)', (x) => T.softplus(x, 2, 1), DOMAINS.real],
  ['silu', (x) => x.silu(), DOMAINS.real],
];

const UNARY_LAYOUTS: readonly Layout[] = ['scalar', 'contiguous', 'transposed', 'strided', 'expanded'];

function unarySpecs([name, fn, domain]: Unary): GradSpec[] {
  return UNARY_LAYOUTS.map((layout) => {
    const inputs = [floatInput(layout, [2, 3], domain, `∂${name}/${layout}`)];
    return { op: name, sample: layout, inputs, fn: ([x]) => fn(x), combined: fanIn(inputs) };
  });
}

type Binary = readonly [name: 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'maximum' | 'minimum', a: Domain, b: Domain];

const BINARY: readonly Binary[] = [
  ['add', DOMAINS.real, DOMAINS.real],
  ['sub', DOMAINS.real, DOMAINS.real],
  ['mul', DOMAINS.real, DOMAINS.real],
  ['div', DOMAINS.real, DOMAINS.nonzero],
  ['pow', DOMAINS.base, DOMAINS.exponent],
  ['maximum', DOMAINS.real, DOMAINS.real],
  ['minimum', DOMAINS.real, DOMAINS.real],
];

type Operand = readonly [Layout, readonly number[]];

/** Operand pairs: broadcasting both ways, a 0-d operand, and non-contiguous views. */
const PAIRS: readonly [string, Operand, Operand][] = [
  ['same shape', ['contiguous', [2, 3]], ['contiguous', [2, 3]]],
  ['broadcast [3,1] · [4]', ['contiguous', [3, 1]], ['contiguous', [4]]],
  ['broadcast [2,1,4] · [3,1]', ['contiguous', [2, 1, 4]], ['contiguous', [3, 1]]],
  ['0-d · [3,4]', ['scalar', []], ['contiguous', [3, 4]]],
  ['transposed · strided', ['transposed', [3, 4]], ['strided', [3, 4]]],
  ['strided · expanded', ['strided', [2, 3, 4]], ['expanded', [2, 3, 4]]],
];

function binarySpecs([name, da, db]: Binary): GradSpec[] {
  const specs = PAIRS.map(([sample, [la, sa], [lb, sb]]): GradSpec => {
    const inputs = [floatInput(la, sa, da, `∂${name}/${sample}/a`), floatInput(lb, sb, db, `∂${name}/${sample}/b`)];
    return { op: name, sample, inputs, fn: ([a, b]) => T[name](a, b), combined: fanIn(inputs) };
  });
  // A JS number on either side is a constant: only the tensor gets a gradient.
  const c = name === 'pow' ? 1.5 : 0.75;
  const x = floatInput('transposed', [3, 4], da, `∂${name}/number/a`);
  const y = floatInput('contiguous', [3, 4], db, `∂${name}/number/b`);
  specs.push({ op: name, sample: `tensor · JS number ${c}`, inputs: [x], fn: ([a]) => a[name](c) });
  specs.push({ op: name, sample: `JS number ${c + 1} · tensor`, inputs: [y], fn: ([b]) => T[name](c + 1, b) });
  return specs;
}

function bools(shape: readonly number[], pattern: readonly number[]): InputSpec {
  const n = shape.reduce((p, q) => p * q, 1);
  return valuesInput(Array.from({ length: n }, (_, i) => pattern[i % pattern.length]), 'bool', shape);
}

/** where (broadcasting condition and both branches, a JS-number branch) and clamp. */
function whereClampSpecs(): GradSpec[] {
  const x = (layout: Layout, shape: readonly number[], seed: string) => floatInput(layout, shape, DOMAINS.real, `∂where/${seed}`);
  const cond = bools([2, 1, 4], [1, 0, 0, 1, 1, 1, 0, 1]);
  const broadcast = [cond, x('contiguous', [3, 4], 'a'), x('strided', [2, 3, 1], 'b')];
  const clampIn = (layout: Layout, seed: string) => [floatInput(layout, [3, 4], DOMAINS.wide, `∂clamp/${seed}`)];
  const spec = (op: string, sample: string, inputs: InputSpec[], fn: GradSpec['fn']): GradSpec => ({ op, sample, inputs, fn, combined: fanIn(inputs) });
  return [
    spec('where', 'broadcast [2,1,4] ? [3,4] : [2,3,1]', broadcast, ([c, a, b]) => T.where(c, a, b)),
    spec('where', 'transposed ? x : 0', [bools([3, 4], [0, 1, 1]), x('transposed', [3, 4], 'c')], ([c, a]) => T.where(c, a, 0)),
    spec('where', 'x.where(cond, expanded)', [bools([2, 3], [1, 0]), x('contiguous', [2, 3], 'd'), x('expanded', [2, 3], 'e')], ([c, a, b]) => a.where(c, b)),
    spec('clamp(-1, 1)', 'contiguous', clampIn('contiguous', 'a'), ([v]) => v.clamp(-1, 1)),
    spec('clamp(-1, 1)', 'strided', clampIn('strided', 'b'), ([v]) => T.clamp(v, -1, 1)),
    spec('clamp(0.5)', 'transposed', clampIn('transposed', 'c'), ([v]) => v.clamp(0.5)),
    spec('clamp(null, 0.5)', 'expanded', clampIn('expanded', 'd'), ([v]) => v.clamp(null, 0.5)),
  ];
}

/** Every elementwise gradient case. */
export function elementwiseGradSpecs(): GradSpec[] {
  return [...UNARY.flatMap(unarySpecs), ...BINARY.flatMap(binarySpecs), ...whereClampSpecs()];
}
