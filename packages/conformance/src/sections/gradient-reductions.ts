import * as T from '@nnkit/tensor';
import type { AxisArg, Tensor } from '@nnkit/tensor';
import { DOMAINS, type Domain } from '../domains.js';
import { refAxes } from '../reference/reductions.js';
import { buildReference, valuesInput, type InputSpec, type Layout } from '../samples.js';
import { floatInput, type GradSpec } from './gradient-case.js';

/*
 * Gradient cases of reductions and lane ops: every axis form on a contiguous input, and the
 * transposed, strided, expanded and 0-d layouts. The expanded input varies only along axis 1,
 * so variance, std and norms are taken over it (elsewhere they would be 0, where sqrt has no
 * derivative); max and min meet ties there, whose shared gradient must still add up.
 */

type Reduce = readonly [name: string, fn: (x: Tensor, axis: AxisArg, keepdim: boolean) => Tensor, domain: Domain, lane?: boolean];

const REDUCTIONS: readonly Reduce[] = [
  ['sum', (x, a, k) => x.sum(a, k), DOMAINS.real],
  ['mean', (x, a, k) => T.mean(x, a, k), DOMAINS.real],
  ['prod', (x, a, k) => x.prod(a, k), DOMAINS.nearOne],
  ['max', (x, a, k) => x.max(a, k), DOMAINS.real],
  ['min', (x, a, k) => T.min(x, a, k), DOMAINS.real],
  ['var', (x, a, k) => x.var(a, { keepdim: k }), DOMAINS.real],
  ['var(correction 0)', (x, a, k) => T.variance(x, a, { correction: 0, keepdim: k }), DOMAINS.real],
  ['std', (x, a, k) => x.std(a, { keepdim: k }), DOMAINS.real],
  ['logsumexp', (x, a, k) => T.logsumexp(x, a, k), DOMAINS.wide],
  ['norm', (x, a, k) => x.norm(2, a, k), DOMAINS.nonzero],
  ['norm(1)', (x, a, k) => T.norm(x, 1, a, k), DOMAINS.nonzero],
  ['norm(Infinity)', (x, a, k) => T.norm(x, Infinity, a, k), DOMAINS.nonzero],
  ['norm(3)', (x, a, k) => T.norm(x, 3, a, k), DOMAINS.nonzero],
  ['softmax', (x, a) => x.softmax(a as number), DOMAINS.wide, true],
  ['logSoftmax', (x, a) => T.logSoftmax(x, a as number), DOMAINS.wide, true],
];

type Variant = readonly [label: string, layout: Layout, shape: readonly number[], axis: AxisArg, keepdim: boolean];

const VARIANTS: readonly Variant[] = [
  ['all', 'contiguous', [2, 3, 4], undefined, false],
  ['axis 0', 'contiguous', [2, 3, 4], 0, false],
  ['axis -1 keepdim', 'contiguous', [2, 3, 4], -1, true],
  ['axes [0,-1]', 'contiguous', [2, 3, 4], [0, -1], false],
  ['transposed · axis -1', 'transposed', [2, 3, 4], -1, false],
  ['strided · all', 'strided', [3, 4], undefined, false],
  ['expanded · axis 1', 'expanded', [2, 3, 4], 1, false],
  ['0-d · all', 'scalar', [], undefined, false],
];

const LANE_VARIANTS: readonly Variant[] = [
  ['axis -1', 'contiguous', [2, 3, 4], -1, false],
  ['axis 0', 'contiguous', [2, 3, 4], 0, false],
  ['transposed · axis 1', 'transposed', [2, 3, 4], 1, false],
  ['strided · axis 0', 'strided', [3, 4], 0, false],
  ['expanded · axis 1', 'expanded', [2, 3, 4], 1, false],
  ['0-d · axis 0', 'scalar', [], 0, false],
];

/** Elements reduced into one result (the √n rule), times the expanded layout's fan-in. */
function combinedOf(input: InputSpec, axis: AxisArg): number {
  const shape = buildReference(input).shape;
  const reduced = refAxes(axis, shape.length).reduce((n, a) => n * shape[a], 1);
  const viewSize = shape.reduce((p, q) => p * q, 1);
  const baseSize = input.shape.reduce((p, q) => p * q, 1);
  return reduced * Math.max(1, Math.ceil(viewSize / Math.max(1, baseSize)));
}

function reduceSpecs([name, fn, domain, lane]: Reduce): GradSpec[] {
  // The variance of one element with Bessel's correction is 0/0: NaN, with no derivative.
  const variants = (lane ? LANE_VARIANTS : VARIANTS).filter((v) => !(v[1] === 'scalar' && (name === 'var' || name === 'std')));
  const specs = variants.map(([sample, layout, shape, axis, keepdim]): GradSpec => {
    const input = floatInput(layout, shape, domain, `∂${name}/${sample}`);
    return { op: name, sample, inputs: [input], fn: ([x]) => fn(x, axis, keepdim), combined: combinedOf(input, axis) };
  });
  if (name === 'prod') {
    // The rule treats zeros apart: one zero in a group gets the product of the others, two
    // or more give every element a zero gradient. prod is multilinear, so differences are exact.
    const zeros = valuesInput([0, 1.5, -2, 0, 0, 3, 0.5, 1.25, -1], 'float32', [3, 3]);
    specs.push({ op: name, sample: 'rows with one and two zeros · axis -1', inputs: [zeros], fn: ([x]) => x.prod(-1), combined: 3 });
    specs.push({ op: name, sample: 'zeros · all', inputs: [zeros], fn: ([x]) => x.prod(), combined: 9 });
  }
  return specs;
}

/** Every reduction and lane-op gradient case. */
export function reductionGradSpecs(): GradSpec[] {
  return REDUCTIONS.flatMap(reduceSpecs);
}
