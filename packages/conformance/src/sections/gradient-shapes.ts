import * as T from '@nnkit/tensor';
import { DOMAINS, generatorFor } from '../domains.js';
import { valuesInput, type InputSpec, type Layout } from '../samples.js';
import { fanIn, floatInput, type GradSpec } from './gradient-case.js';
import { VIEW_CASES } from './views.js';

/*
 * Gradient cases of shape ops and views (every case of the views section, whose inputs
 * include transposed, strided, expanded, 0-d and empty tensors), sliceScatter, joins and
 * splits, and the indexing ops (repeated indices, so that gradients must accumulate).
 */

function viewSpecs(): GradSpec[] {
  return VIEW_CASES.map(([label, [layout, shape], run]) => {
    const inputs = [floatInput(layout, shape, DOMAINS.real, `∂view/${label}`)];
    return { op: label.split(/[ (]/)[0], sample: label, inputs, fn: ([x]) => run(x), combined: fanIn(inputs) };
  });
}

function sliceScatterSpecs(): GradSpec[] {
  const src = (layout: Layout, shape: readonly number[], seed: string) => [floatInput(layout, shape, DOMAINS.real, `∂sliceScatter/${seed}`)];
  return [
    { op: 'sliceScatter', sample: '[2,3] into [5,7] at [1,2] step [2,2]', inputs: src('contiguous', [2, 3], 'a'), fn: ([x]) => T.sliceScatter(x, [5, 7], [1, 2], [2, 2]) },
    { op: 'sliceScatter', sample: 'transposed [3,2] into [4,6] at [0,1] step [1,3]', inputs: src('transposed', [3, 2], 'b'), fn: ([x]) => T.sliceScatter(x, [4, 6], [0, 1], [1, 3]) },
  ];
}

function joinSpecs(): GradSpec[] {
  const x = (layout: Layout, shape: readonly number[], seed: string) => floatInput(layout, shape, DOMAINS.real, `∂join/${seed}`);
  const spec = (op: string, sample: string, inputs: InputSpec[], fn: GradSpec['fn']): GradSpec => ({ op, sample, inputs, fn, combined: fanIn(inputs) });
  return [
    spec('concat', 'axis 0 of contiguous, transposed, strided', [x('contiguous', [2, 3], 'a'), x('transposed', [4, 3], 'b'), x('strided', [1, 3], 'c')], (ts) => T.concat(ts, 0)),
    spec('concat', '3-d axis -1 with an expanded piece', [x('contiguous', [2, 3, 4], 'd'), x('expanded', [2, 3, 2], 'e')], (ts) => T.concat(ts, -1)),
    spec('stack', 'axis 0', [x('contiguous', [2, 3], 'f'), x('transposed', [2, 3], 'g'), x('strided', [2, 3], 'h')], (ts) => T.stack(ts, 0)),
    spec('stack', 'axis -1 of 0-d tensors', [x('scalar', [], 'i'), x('scalar', [], 'j')], (ts) => T.stack(ts, -1)),
    spec('split', '[5,4] into [2,3] along axis 0', [x('contiguous', [5, 4], 'k')], ([t]) => T.split(t, [2, 3], 0)),
    spec('split', 'transposed [3,5] in pieces of 2 along axis 1', [x('transposed', [3, 5], 'l')], ([t]) => t.split(2, 1)),
    spec('chunk', 'strided [6,2] in 3 along axis 0', [x('strided', [6, 2], 'm')], ([t]) => T.chunk(t, 3, 0)),
  ];
}

/** int32 indices in `0..bound-1`, seeded; with more entries than `bound`, repeats are certain. */
function indices(shape: readonly number[], bound: number, seed: string): InputSpec {
  const g = generatorFor(seed);
  const n = shape.reduce((p, q) => p * q, 1);
  return valuesInput(Array.from({ length: n }, () => g.nextInt(0, bound)), 'int32', shape);
}

function indexingSpecs(): GradSpec[] {
  const x = (layout: Layout, shape: readonly number[], seed: string) => floatInput(layout, shape, DOMAINS.real, `∂index/${seed}`);
  return [
    { op: 'gather', sample: 'axis 1, repeated indices', inputs: [x('contiguous', [3, 4], 'a'), indices([3, 5], 4, 'ia')], fn: ([t, i]) => T.gather(t, 1, i), combined: 5 },
    { op: 'gather', sample: 'axis 0 of a transposed input', inputs: [x('transposed', [3, 4], 'b'), indices([5, 2], 3, 'ib')], fn: ([t, i]) => t.gather(0, i), combined: 5 },
    { op: 'indexSelect', sample: 'axis 0, repeated indices', inputs: [x('contiguous', [4, 3], 'c'), indices([6], 4, 'ic')], fn: ([t, i]) => T.indexSelect(t, 0, i), combined: 6 },
    { op: 'indexSelect', sample: 'axis 1 of a strided input', inputs: [x('strided', [3, 4], 'd'), indices([5], 4, 'id')], fn: ([t, i]) => t.indexSelect(1, i), combined: 5 },
    {
      op: 'scatterAdd', sample: 'axis 0, into x and from src',
      inputs: [x('contiguous', [3, 4], 'e'), indices([2, 4], 3, 'ie'), x('contiguous', [2, 4], 'f')],
      fn: ([t, i, s]) => T.scatterAdd(t, 0, i, s), combined: 2,
    },
    {
      op: 'scatterAdd', sample: 'src larger than index, transposed x',
      inputs: [x('transposed', [3, 4], 'g'), indices([2, 3], 3, 'ig'), x('contiguous', [3, 5], 'h')],
      fn: ([t, i, s]) => t.scatterAdd(0, i, s), combined: 2,
    },
  ];
}

/** Every shape, view, join and indexing gradient case. */
export function shapeGradSpecs(): GradSpec[] {
  return [...viewSpecs(), ...sliceScatterSpecs(), ...joinSpecs(), ...indexingSpecs()];
}
