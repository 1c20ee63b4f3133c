import type { DType } from '@nnkit/core';
import * as T from '@nnkit/tensor';
import type { ValueCase } from '../case.js';
import { declared, supports, type SuiteContext } from '../context.js';
import { DOMAINS, generatorFor } from '../domains.js';
import { ALL, NUMERIC } from '../dtype-sets.js';
import { gatherRef, indexSelectRef, oneHotRef, scatterAddRef } from '../reference/indexing.js';
import { layoutInput, valuesInput, withView, type InputSpec, type Layout } from '../samples.js';
import type { Section } from '../section.js';

/** int32 indices in `0..bound-1` of `shape`, optionally read through a transposed view. */
function indices(name: string, shape: readonly number[], bound: number, transposed = false): InputSpec {
  const g = generatorFor(name);
  const n = shape.reduce((a, b) => a * b, 1);
  const values = Array.from({ length: n }, () => g.nextInt(0, bound));
  if (!transposed) return valuesInput(values, 'int32', shape);
  return withView(valuesInput(values, 'int32', [shape[1], shape[0]]), { permute: [1, 0] });
}

const norm = (axis: number, ndim: number) => (axis < 0 ? axis + ndim : axis);

/** `[label, x layout, x shape, axis, index shape, index through a transposed view]`. */
const GATHERS: readonly [string, Layout, readonly number[], number, readonly number[], boolean][] = [
  ['axis 1', 'contiguous', [3, 4], 1, [3, 2], false],
  ['axis 0', 'contiguous', [3, 4], 0, [5, 4], false],
  ['axis -1, index smaller in other dims', 'contiguous', [3, 4], -1, [2, 6], false],
  ['transposed input and index', 'transposed', [4, 3], 0, [2, 3], true],
  ['3-d axis 1', 'strided', [2, 3, 4], 1, [2, 5, 3], false],
  ['empty index', 'contiguous', [3, 4], 1, [3, 0], false],
];

function gatherCases(dtype: DType): ValueCase[] {
  return GATHERS.map(([label, layout, shape, axis, ishape, t], i): ValueCase => {
    const name = `gather · ${dtype} · ${label}`;
    return {
      name, op: 'gather', dtype, exact: true,
      inputs: [layoutInput(layout, shape, dtype, DOMAINS.real, generatorFor(name)), indices(name, ishape, shape[norm(axis, shape.length)], t)],
      run: ([x, idx]) => (i === 0 ? x.gather(axis, idx) : T.gather(x, axis, idx)),
      expected: ([x, idx]) => gatherRef(x, norm(axis, x.ndim), idx),
    };
  });
}

/** `[label, x layout, x shape, axis, index shape, src shape]`; indices repeat, so sums accumulate. */
const SCATTERS: readonly [string, Layout, readonly number[], number, readonly number[], readonly number[]][] = [
  ['axis 0 with repeated indices', 'contiguous', [3, 4], 0, [5, 4], [5, 4]],
  ['axis -1, src larger than index', 'contiguous', [3, 4], -1, [3, 6], [4, 7]],
  ['transposed input', 'transposed', [4, 3], 1, [4, 2], [4, 2]],
  ['3-d axis 1', 'contiguous', [2, 3, 4], 1, [2, 4, 4], [2, 4, 4]],
  ['empty index', 'contiguous', [3, 4], 0, [0, 4], [0, 4]],
];

function scatterCases(dtype: DType): ValueCase[] {
  return SCATTERS.map(([label, layout, shape, axis, ishape, sshape], i): ValueCase => {
    const name = `scatterAdd · ${dtype} · ${label}`;
    const g = generatorFor(name);
    return {
      name, op: 'scatterAdd', dtype, combined: 6,
      inputs: [
        layoutInput(layout, shape, dtype, DOMAINS.real, g),
        indices(name, ishape, shape[norm(axis, shape.length)]),
        layoutInput('contiguous', sshape, dtype, DOMAINS.real, g),
      ],
      run: ([x, idx, src]) => (i === 0 ? x.scatterAdd(axis, idx, src) : T.scatterAdd(x, axis, idx, src)),
      expected: ([x, idx, src]) => scatterAddRef(x, norm(axis, x.ndim), idx, src),
    };
  });
}

const SELECTS: readonly [string, Layout, readonly number[], number, readonly number[]][] = [
  ['axis 0 with repeats', 'contiguous', [4, 3], 0, [2, 0, 2]],
  ['axis -1', 'transposed', [4, 3], -1, [1, 1, 0, 2]],
  ['empty index', 'contiguous', [4, 3], 0, []],
  ['3-d axis 1', 'strided', [2, 3, 4], 1, [2, 0]],
];

function indexSelectCases(dtype: DType): ValueCase[] {
  return SELECTS.map(([label, layout, shape, axis, idx], i): ValueCase => {
    const name = `indexSelect · ${dtype} · ${label}`;
    return {
      name, op: 'indexSelect', dtype, exact: true,
      inputs: [layoutInput(layout, shape, dtype, DOMAINS.real, generatorFor(name)), valuesInput(idx, 'int32')],
      run: ([x, ix]) => (i === 0 ? x.indexSelect(axis, ix) : T.indexSelect(x, axis, ix)),
      expected: ([x, ix]) => indexSelectRef(x, norm(axis, x.ndim), ix),
    };
  });
}

function oneHotCases(ctx: SuiteContext): ValueCase[] {
  const make = (label: string, labels: InputSpec, classes: number, dtype?: DType): ValueCase => ({
    name: `oneHot · ${label}`, op: 'oneHot', dtype: 'int32', exact: true,
    inputs: [labels],
    run: ([l]) => T.oneHot(l, classes, dtype ? { dtype } : {}),
    expected: ([l]) => oneHotRef(l, classes, dtype ?? 'int32'),
  });
  const cases = [
    make('[4] labels, 5 classes', valuesInput([0, 4, 2, 4], 'int32'), 5),
    make('[2,3] labels', valuesInput([1, 0, 3, 3, 2, 1], 'int32', [2, 3]), 4),
    make('no labels', valuesInput([], 'int32'), 3),
  ];
  for (const d of declared(ctx, ['float32', 'float64', 'bool'])) cases.push(make(`dtype ${d}`, valuesInput([2, 0, 1], 'int32'), 3, d));
  return cases;
}

/** gather, scatterAdd (accumulating repeats), indexSelect and oneHot. */
export const indexingSection: Section = {
  name: 'indexing',
  valueCases: (ctx: SuiteContext) => (supports(ctx, 'int32') ? [
    ...declared(ctx, ALL).flatMap(gatherCases),
    ...declared(ctx, NUMERIC).flatMap(scatterCases),
    ...declared(ctx, ALL).flatMap(indexSelectCases),
    ...(supports(ctx, 'bool') ? oneHotCases(ctx) : []),
  ] : []),
};
