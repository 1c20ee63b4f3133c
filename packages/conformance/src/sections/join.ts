import { promoteTypes, type DType } from '@nnkit/core';
import * as T from '@nnkit/tensor';
import type { ValueCase } from '../case.js';
import { declared, supports, type SuiteContext } from '../context.js';
import { DOMAINS, generatorFor } from '../domains.js';
import { ALL } from '../dtype-sets.js';
import { concatRef, splitRef, stackRef } from '../reference/join.js';
import { layoutInput, type Layout } from '../samples.js';
import type { Section } from '../section.js';

type Piece = readonly [Layout, readonly number[], DType?];

const CONCATS: readonly [string, readonly Piece[], number][] = [
  ['axis 0', [['contiguous', [2, 3]], ['contiguous', [1, 3]], ['contiguous', [3, 3]]], 0],
  ['axis -1', [['contiguous', [2, 3]], ['contiguous', [2, 1]]], -1],
  ['3-d axis 1', [['contiguous', [2, 1, 4]], ['contiguous', [2, 3, 4]]], 1],
  ['with an empty piece', [['contiguous', [2, 3]], ['empty', [2, 3]], ['contiguous', [1, 3]]], 0],
  ['of views', [['transposed', [3, 4]], ['strided', [2, 4]], ['expanded', [2, 4]]], 0],
  ['one tensor', [['contiguous', [2, 3]]], 1],
];

const STACKS: readonly [string, readonly Piece[], number][] = [
  ['axis 0', [['contiguous', [2, 3]], ['contiguous', [2, 3]], ['contiguous', [2, 3]]], 0],
  ['axis -1', [['contiguous', [2, 3]], ['transposed', [2, 3]]], -1],
  ['axis 1 of views', [['strided', [2, 3]], ['expanded', [2, 3]]], 1],
  ['0-d tensors', [['scalar', []], ['scalar', []], ['scalar', []]], 0],
];

/** `[label, input shape, run, sizes along axis, axis]` for split and chunk. */
const SPLITS: readonly [string, readonly number[], (x: T.Tensor) => T.Tensor[], readonly number[], number][] = [
  ['split(2)', [5, 4], (x) => T.split(x, 2), [2, 2, 1], 0],
  ['split([1, 4]) (method)', [5, 4], (x) => x.split([1, 4]), [1, 4], 0],
  ['split(2, -1)', [5, 4], (x) => T.split(x, 2, -1), [2, 2], 1],
  ['split([0, 5]) with an empty piece', [5, 4], (x) => T.split(x, [0, 5]), [0, 5], 0],
  ['chunk(3)', [5, 4], (x) => T.chunk(x, 3), [2, 2, 1], 0],
  ['chunk(2, -1) (method)', [5, 4], (x) => x.chunk(2, -1), [2, 2], 1],
  ['chunk(4) of 6 gives 3 chunks', [6, 2], (x) => T.chunk(x, 4), [2, 2, 2], 0],
];

function joinCases(ctx: SuiteContext, dtype: DType): ValueCase[] {
  const make = (op: 'concat' | 'stack', label: string, pieces: readonly Piece[], axis: number): ValueCase => {
    const name = `${op} · ${dtype} · ${label}`;
    const g = generatorFor(name);
    const inputs = pieces.map(([layout, shape, d]) => layoutInput(layout, shape, d ?? dtype, DOMAINS.real, g));
    const out = inputs.map((i) => i.dtype).reduce(promoteTypes);
    return {
      name, op, dtype, inputs, exact: true,
      run: (ts) => (op === 'concat' ? T.concat(ts, axis) : T.stack(ts, axis)),
      expected: (refs) => {
        if (op === 'stack') return stackRef(refs, axis < 0 ? axis + refs[0].ndim + 1 : axis);
        return concatRef(refs, axis < 0 ? axis + refs[0].ndim : axis, out);
      },
    };
  };
  const cases = [
    ...CONCATS.map(([label, pieces, axis]) => make('concat', label, pieces, axis)),
    ...STACKS.map(([label, pieces, axis]) => make('stack', label, pieces, axis)),
  ];
  const other: DType = dtype === 'float32' ? 'int32' : 'float32';
  if (supports(ctx, other)) {
    cases.push(make('concat', `promotes with ${other}`, [['contiguous', [2, 3]], ['contiguous', [1, 3], other]], 0));
  }
  for (const [label, shape, run, sizes, axis] of SPLITS) {
    const name = `${label} · ${dtype}`;
    cases.push({
      name, op: label.split('(')[0], dtype, exact: true,
      inputs: [layoutInput('contiguous', shape, dtype, DOMAINS.real, generatorFor(name))],
      run: ([x]) => run(x),
      expected: ([x]) => splitRef(x, sizes, axis),
    });
  }
  return cases;
}

/** concat (with promotion), stack, split and chunk. */
export const joinSection: Section = {
  name: 'join and split',
  valueCases: (ctx: SuiteContext) => declared(ctx, ALL).flatMap((d) => joinCases(ctx, d)),
};
