import type { DType } from '@nnkit/core';
import * as T from '@nnkit/tensor';
import type { Tensor } from '@nnkit/tensor';
import type { ValueCase } from '../case.js';
import { declared, type SuiteContext } from '../context.js';
import { DOMAINS, generatorFor } from '../domains.js';
import { ALL } from '../dtype-sets.js';
import { NdArray } from '../reference/ndarray.js';
import { layoutInput, type InputSpec, type Layout } from '../samples.js';
import type { Section } from '../section.js';

export type ViewCase = readonly [label: string, input: readonly [Layout, readonly number[]], run: (x: Tensor) => Tensor, ref: (a: NdArray) => NdArray];

/**
 * Shape ops and views with their oracle built from four NdArray moves (reshape, permute, slice,
 * expand); the tensor side runs both the function and the method forms.
 */
export const VIEW_CASES: readonly ViewCase[] = [
  ['reshape [6,4]', ['contiguous', [2, 3, 4]], (x) => T.reshape(x, [6, 4]), (a) => a.reshape([6, 4])],
  ['reshape(-1, 2) (method)', ['contiguous', [2, 3, 4]], (x) => x.reshape(-1, 2), (a) => a.reshape([12, 2])],
  ['reshape of a transposed view (copies)', ['transposed', [2, 3, 4]], (x) => x.reshape([4, 6]), (a) => a.reshape([4, 6])],
  ['reshape of a strided view', ['strided', [2, 3, 4]], (x) => T.reshape(x, [3, 8]), (a) => a.reshape([3, 8])],
  ['reshape 0-d → [1,1]', ['scalar', []], (x) => x.reshape([1, 1]), (a) => a.reshape([1, 1])],
  ['reshape empty [0,3,4] → [4,0]', ['empty', [2, 3, 4]], (x) => x.reshape([4, 0]), (a) => a.reshape([4, 0])],
  ['view(4, 6) (method)', ['contiguous', [2, 3, 4]], (x) => x.view(4, 6), (a) => a.reshape([4, 6])],
  ['flatten()', ['transposed', [2, 3, 4]], (x) => T.flatten(x), (a) => a.reshape([24])],
  ['flatten(1) (method)', ['contiguous', [2, 3, 4]], (x) => x.flatten(1), (a) => a.reshape([2, 12])],
  ['flatten(0, -2)', ['strided', [2, 3, 4]], (x) => T.flatten(x, 0, -2), (a) => a.reshape([6, 4])],
  ['flatten 0-d → [1]', ['scalar', []], (x) => x.flatten(), (a) => a.reshape([1])],
  ['squeeze()', ['contiguous', [1, 3, 1, 4]], (x) => T.squeeze(x), (a) => a.reshape([3, 4])],
  ['squeeze(0) (method)', ['contiguous', [1, 3, 1, 4]], (x) => x.squeeze(0), (a) => a.reshape([3, 1, 4])],
  ['squeeze(-2)', ['strided', [1, 3, 1, 4]], (x) => T.squeeze(x, -2), (a) => a.reshape([1, 3, 4])],
  ['squeeze([0, 2])', ['contiguous', [1, 3, 1, 4]], (x) => T.squeeze(x, [0, 2]), (a) => a.reshape([3, 4])],
  ['squeeze(1) of a size-3 dim is a no-op', ['contiguous', [1, 3, 1, 4]], (x) => T.squeeze(x, 1), (a) => a],
  ['unsqueeze(0)', ['transposed', [3, 4]], (x) => T.unsqueeze(x, 0), (a) => a.reshape([1, ...a.shape])],
  ['unsqueeze(-1) (method)', ['contiguous', [3, 4]], (x) => x.unsqueeze(-1), (a) => a.reshape([3, 4, 1])],
  ['unsqueeze(1) of a strided view', ['strided', [3, 4]], (x) => T.unsqueeze(x, 1), (a) => a.reshape([3, 1, 4])],
  ['unsqueeze 0-d → [1]', ['scalar', []], (x) => T.unsqueeze(x, 0), (a) => a.reshape([1])],
  ['transpose() swaps the last two', ['contiguous', [2, 3, 4]], (x) => T.transpose(x), (a) => a.permute([0, 2, 1])],
  ['transpose(0, 2) (method)', ['contiguous', [2, 3, 4]], (x) => x.transpose(0, 2), (a) => a.permute([2, 1, 0])],
  ['transpose(-1, 0) of a strided view', ['strided', [2, 3, 4]], (x) => T.transpose(x, -1, 0), (a) => a.permute([2, 1, 0])],
  ['transpose of 1-d', ['contiguous', [5]], (x) => T.transpose(x), (a) => a],
  ['permute([2, 0, 1])', ['contiguous', [2, 3, 4]], (x) => T.permute(x, [2, 0, 1]), (a) => a.permute([2, 0, 1])],
  ['permute(-1, 0, 1) (method)', ['transposed', [2, 3, 4]], (x) => x.permute(-1, 0, 1), (a) => a.permute([2, 0, 1])],
  ['T of 2-d', ['contiguous', [3, 4]], (x) => x.T, (a) => a.permute([1, 0])],
  ['T of 3-d reverses dims', ['contiguous', [2, 3, 4]], (x) => x.T, (a) => a.permute([2, 1, 0])],
  ['T of 1-d', ['contiguous', [5]], (x) => x.T, (a) => a],
  ['expand [3,1] → [2,3,4]', ['contiguous', [3, 1]], (x) => T.expand(x, [2, 3, 4]), (a) => a.expand([2, 3, 4])],
  ['expand(2, -1, 4) (method)', ['contiguous', [3, 1]], (x) => x.expand(2, -1, 4), (a) => a.expand([2, 3, 4])],
  ['broadcastTo of a strided view', ['strided', [1, 4]], (x) => T.broadcastTo(x, [3, 4]), (a) => a.expand([3, 4])],
  ['expand 0-d → [2,3]', ['scalar', []], (x) => x.expand([2, 3]), (a) => a.expand([2, 3])],
  ['slice [1::2]', ['contiguous', [5, 6]], (x) => T.slice(x, [[1, null, 2]]), (a) => a.slice([[1, null, 2]])],
  ['slice [-3:, ::3] (method)', ['contiguous', [5, 6]], (x) => x.slice([[-3, null], [null, null, 3]]), (a) => a.slice([[-3, null], [null, null, 3]])],
  ['slice out-of-range bounds clamp', ['contiguous', [5, 6]], (x) => x.slice([[-100, 100, 2], [4, 100]]), (a) => a.slice([[-100, 100, 2], [4, 100]])],
  ['slice to nothing', ['contiguous', [5, 6]], (x) => x.slice([[2, 2]]), (a) => a.slice([[2, 2]])],
  ['slice of a transposed view', ['transposed', [5, 6]], (x) => x.slice([[1, 4], [0, null, 2]]), (a) => a.slice([[1, 4], [0, null, 2]])],
  ['slice of a slice', ['strided', [5, 6]], (x) => x.slice([null, [1, null, 2]]), (a) => a.slice([null, [1, null, 2]])],
  ['narrow(1, 1, 2)', ['contiguous', [3, 5]], (x) => T.narrow(x, 1, 1, 2), (a) => a.slice([null, [1, 3]])],
  ['narrow(-1, -3, 2) (method)', ['transposed', [3, 5]], (x) => x.narrow(-1, -3, 2), (a) => a.slice([null, [2, 4]])],
  ['select(0, 1)', ['contiguous', [3, 4]], (x) => T.select(x, 0, 1), (a) => a.slice([[1, 2]]).reshape([4])],
  ['select(-1, -1) (method)', ['transposed', [3, 4]], (x) => x.select(-1, -1), (a) => a.slice([null, [3, 4]]).reshape([3])],
  ['select of 1-d gives 0-d', ['contiguous', [5]], (x) => T.select(x, 0, 2), (a) => a.slice([[2, 3]]).reshape([])],
  ['contiguous() of a transposed view', ['transposed', [3, 4]], (x) => T.contiguous(x), (a) => a],
  ['contiguous() of a strided view (method)', ['strided', [2, 3, 4]], (x) => x.contiguous(), (a) => a],
  ['contiguous() of an expanded view', ['expanded', [2, 3, 4]], (x) => T.contiguous(x), (a) => a],
  ['contiguous() of a contiguous tensor', ['contiguous', [3, 4]], (x) => T.contiguous(x), (a) => a],
  [
    'chained: T, slice, unsqueeze, expand',
    ['contiguous', [4, 6]],
    (x) => T.tidy(() => x.T.slice([[1, null, 2]]).unsqueeze(0).expand(2, -1, -1)),
    (a) => a.permute([1, 0]).slice([[1, null, 2]]).reshape([1, 3, 4]).expand([2, 3, 4]),
  ],
];

function viewCases(dtype: DType): ValueCase[] {
  return VIEW_CASES.map(([label, [layout, shape], run, ref]): ValueCase => {
    const name = `${label} · ${dtype}`;
    const input: InputSpec = layoutInput(layout, shape, dtype, DOMAINS.real, generatorFor(name));
    return { name, op: label.split(/[ (]/)[0], dtype, inputs: [input], run: ([x]) => run(x), expected: ([a]) => ref(a), exact: true };
  });
}

/** Views and shape ops: values exact, on every dtype, from contiguous and strided inputs. */
export const viewsSection: Section = {
  name: 'shape and views',
  valueCases: (ctx: SuiteContext) => declared(ctx, ALL).flatMap(viewCases),
};

/** `[label, src layout and shape, target shape, starts, steps]` for sliceScatter (the adjoint of slice). */
const SLICE_SCATTERS: readonly [string, Layout, readonly number[], readonly number[], readonly number[], readonly number[]][] = [
  ['[2,3] into [5,7] at [1,2] step [2,2]', 'contiguous', [2, 3], [5, 7], [1, 2], [2, 2]],
  ['transposed [3,2] into [4,6] at [0,1] step [1,3]', 'transposed', [3, 2], [4, 6], [0, 1], [1, 3]],
  ['empty [0,3] into [2,3]', 'empty', [2, 3], [2, 3], [0, 0], [1, 1]],
];

function sliceScatterCases(dtype: DType): ValueCase[] {
  return SLICE_SCATTERS.map(([label, layout, shape, target, starts, steps]): ValueCase => {
    const name = `sliceScatter ${label} · ${dtype}`;
    return {
      name, op: 'sliceScatter', dtype, exact: true,
      inputs: [layoutInput(layout, shape, dtype, DOMAINS.real, generatorFor(name))],
      run: ([x]) => T.sliceScatter(x, target, starts, steps),
      expected: ([src]) => NdArray.fromFn(target, dtype, (i) => {
        const at = i.map((v, d) => (v - starts[d]) / steps[d]);
        return at.every((a, d) => Number.isInteger(a) && a >= 0 && a < src.shape[d]) ? src.at(at) : 0;
      }),
    };
  });
}

/** `dst.copy_(src)`: in place, broadcasting src and converting its dtype; returns dst. */
function copyCases(ctx: SuiteContext, dtype: DType): ValueCase[] {
  const g = generatorFor(`copy_/${dtype}`);
  const srcDType: DType = dtype !== 'int32' && ctx.dtypes.includes('int32') ? 'int32' : dtype;
  const make = (label: string, dst: InputSpec, src: InputSpec): ValueCase => ({
    name: `copy_ ${label} · ${dtype}`, op: 'copy_', dtype, exact: true,
    inputs: [dst, src],
    run: ([d, s]) => d.copy_(s),
    expected: ([d, s]) => s.cast(dtype).expand(d.shape),
  });
  return [
    make('same shape', layoutInput('contiguous', [3, 4], dtype, DOMAINS.real, g), layoutInput('strided', [3, 4], dtype, DOMAINS.real, g)),
    make('into a transposed view, broadcasting [4]', layoutInput('transposed', [3, 4], dtype, DOMAINS.real, g), layoutInput('contiguous', [4], dtype, DOMAINS.real, g)),
    make(`from ${srcDType}`, layoutInput('contiguous', [2, 3], dtype, DOMAINS.real, g), layoutInput('contiguous', [2, 3], srcDType, DOMAINS.real, g)),
  ];
}

/** sliceScatter and copy_, the two ops that write into a window of a buffer. */
export const writesSection: Section = {
  name: 'window writes',
  valueCases: (ctx: SuiteContext) => declared(ctx, ALL).flatMap((d) => [...sliceScatterCases(d), ...copyCases(ctx, d)]),
};
