import type { DType } from '@nnkit/core';
import * as T from '@nnkit/tensor';
import type { Tensor } from '@nnkit/tensor';
import type { ValueCase } from '../case.js';
import { declared, supports, type SuiteContext } from '../context.js';
import { DOMAINS, generatorFor } from '../domains.js';
import { ALL } from '../dtype-sets.js';
import { NdArray } from '../reference/ndarray.js';
import { layoutInput } from '../samples.js';
import type { Section } from '../section.js';

const make = (op: string, label: string, dtype: DType, run: () => Tensor, want: () => NdArray): ValueCase =>
  ({ name: `${op} · ${label}`, op, dtype, inputs: [], run: () => run(), expected: () => want() });

const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

/** Every creation function, for every declared dtype it takes. */
function perDType(dtype: DType): ValueCase[] {
  const fill = dtype === 'bool' ? 1 : dtype === 'int32' ? -7 : 2.5;
  const nested = [[1, 0, -2], [0.5, 3, 0]].map((r) => r.map((v) => (dtype === 'int32' ? Math.trunc(v) : v)));
  return [
    make('tensor', `nested arrays · ${dtype}`, dtype, () => T.tensor(nested, { dtype }), () => NdArray.of(nested.flat(), [2, 3], dtype)),
    make('tensor', `typed array with shape · ${dtype}`, dtype,
      () => T.tensor(new Float64Array([1, 0, 4, -3]), { dtype, shape: [2, 2] }), () => NdArray.of([1, 0, 4, -3], [2, 2], dtype)),
    make('tensor', `0-d · ${dtype}`, dtype, () => T.tensor(3, { dtype }), () => NdArray.scalar(3, dtype)),
    make('tensor', `empty · ${dtype}`, dtype, () => T.tensor([], { dtype }), () => NdArray.of([], [0], dtype)),
    make('zeros', `[2,3] · ${dtype}`, dtype, () => T.zeros([2, 3], { dtype }), () => NdArray.of(range(6, () => 0), [2, 3], dtype)),
    make('zeros', `0-d · ${dtype}`, dtype, () => T.zeros([], { dtype }), () => NdArray.scalar(0, dtype)),
    make('ones', `[2,0,3] · ${dtype}`, dtype, () => T.ones([2, 0, 3], { dtype }), () => NdArray.of([], [2, 0, 3], dtype)),
    make('ones', `[4] · ${dtype}`, dtype, () => T.ones([4], { dtype }), () => NdArray.of([1, 1, 1, 1], [4], dtype)),
    make('full', `[3,2] ${fill} · ${dtype}`, dtype, () => T.full([3, 2], fill, { dtype }), () => NdArray.of(range(6, () => fill), [3, 2], dtype)),
    make('full', `0-d · ${dtype}`, dtype, () => T.full([], fill, { dtype }), () => NdArray.scalar(fill, dtype)),
    make('eye', `3 · ${dtype}`, dtype, () => T.eye(3, 3, { dtype }), () => NdArray.fromFn([3, 3], dtype, ([i, j]) => (i === j ? 1 : 0))),
    make('eye', `2×4 · ${dtype}`, dtype, () => T.eye(2, 4, { dtype }), () => NdArray.fromFn([2, 4], dtype, ([i, j]) => (i === j ? 1 : 0))),
  ];
}

/** The `*Like` functions copy shape, dtype and backend from a (non-contiguous) tensor. */
function likeCases(dtype: DType): ValueCase[] {
  const input = layoutInput('transposed', [2, 3], dtype, DOMAINS.real, generatorFor(`like/${dtype}`));
  const like = (op: 'zerosLike' | 'onesLike', v: number): ValueCase => ({
    name: `${op} · ${dtype}`, op, dtype, inputs: [input],
    run: ([x]) => T[op](x),
    expected: ([x]) => x.map(() => v),
  });
  return [like('zerosLike', 0), like('onesLike', 1), {
    name: `fullLike · ${dtype}`, op: 'fullLike', dtype, inputs: [input],
    run: ([x]) => T.fullLike(x, 1),
    expected: ([x]) => x.map(() => 1),
  }];
}

/** Defaults PyTorch users expect: inferred dtypes, ranges, evenly spaced points. */
function defaults(ctx: SuiteContext): ValueCase[] {
  const cases: ValueCase[] = [];
  const has = (...d: DType[]) => supports(ctx, ...d);
  if (has('int32')) {
    cases.push(make('tensor', 'integers infer int32', 'int32', () => T.tensor([[1, 2], [3, -4]]), () => NdArray.of([1, 2, 3, -4], [2, 2], 'int32')));
    cases.push(make('arange', '(5) is int32 0..4', 'int32', () => T.arange(5), () => NdArray.of([0, 1, 2, 3, 4], [5], 'int32')));
    cases.push(make('arange', '(2, 8, 2)', 'int32', () => T.arange(2, 8, 2), () => NdArray.of([2, 4, 6], [3], 'int32')));
    cases.push(make('arange', '(5, 5) is empty', 'int32', () => T.arange(5, 5), () => NdArray.of([], [0], 'int32')));
    cases.push(make('tensor', 'Int32Array keeps int32', 'int32', () => T.tensor(new Int32Array([7, -8])), () => NdArray.of([7, -8], [2], 'int32')));
  }
  if (has('float32')) {
    cases.push(make('tensor', 'fractions infer float32', 'float32', () => T.tensor([1.5, 2]), () => NdArray.of([1.5, 2], [2], 'float32')));
    cases.push(make('tensor', '[] infers float32', 'float32', () => T.tensor([]), () => NdArray.of([], [0], 'float32')));
    cases.push(make('zeros', 'default dtype float32', 'float32', () => T.zeros([2]), () => NdArray.of([0, 0], [2], 'float32')));
    cases.push(make('arange', '(5, 0, -1.5) counts down', 'float32', () => T.arange(5, 0, -1.5), () => NdArray.of([5, 3.5, 2, 0.5], [4], 'float32')));
    cases.push(make('arange', '(0, 1, 0.1) has 10 points', 'float32', () => T.arange(0, 1, 0.1), () => NdArray.of(range(10, (i) => i * 0.1), [10], 'float32')));
    cases.push(make('linspace', '(0, 1, 5)', 'float32', () => T.linspace(0, 1, 5), () => NdArray.of([0, 0.25, 0.5, 0.75, 1], [5], 'float32')));
    cases.push(make('linspace', '(1, 0, 3) descends', 'float32', () => T.linspace(1, 0, 3), () => NdArray.of([1, 0.5, 0], [3], 'float32')));
    cases.push(make('linspace', '(-1, 1, 1) is [-1]', 'float32', () => T.linspace(-1, 1, 1), () => NdArray.of([-1], [1], 'float32')));
    cases.push(make('linspace', '(0, 1, 0) is empty', 'float32', () => T.linspace(0, 1, 0), () => NdArray.of([], [0], 'float32')));
    cases.push(make('eye', '(0) is [0,0]', 'float32', () => T.eye(0), () => NdArray.of([], [0, 0], 'float32')));
  }
  if (has('float64')) {
    cases.push(make('arange', 'float64 (0, 0.9, 0.3)', 'float64', () => T.arange(0, 0.9, 0.3, { dtype: 'float64' }), () => NdArray.of([0, 0.3, 0.6], [3], 'float64')));
    cases.push(make('linspace', 'float64 (0, 10, 7)', 'float64', () => T.linspace(0, 10, 7, { dtype: 'float64' }), () => NdArray.of(range(7, (i) => (i * 10) / 6), [7], 'float64')));
    cases.push(make('tensor', 'Float64Array keeps float64', 'float64', () => T.tensor(new Float64Array([0.1, -2])), () => NdArray.of([0.1, -2], [2], 'float64')));
  }
  if (has('bool')) {
    cases.push(make('tensor', 'booleans infer bool', 'bool', () => T.tensor([true, false, true]), () => NdArray.of([1, 0, 1], [3], 'bool')));
  }
  return cases;
}

/** tensor, zeros, ones, full, *Like, arange, linspace, eye. */
export const creationSection: Section = {
  name: 'creation',
  valueCases: (ctx: SuiteContext) => [...declared(ctx, ALL).flatMap((d) => [...perDType(d), ...likeCases(d)]), ...defaults(ctx)],
};
