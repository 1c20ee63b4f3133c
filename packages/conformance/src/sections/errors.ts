import { DTypeError, DisposedError, ShapeError, ValueError, type DType } from '@nnkit/core';
import * as T from '@nnkit/tensor';
import type { Check, ExpectedError, ValueCase } from '../case.js';
import { supports, type SuiteContext } from '../context.js';
import { buildTensor, valuesInput, type InputSpec } from '../samples.js';
import type { Section } from '../section.js';

const zeros = (shape: readonly number[], dtype: DType = 'float32'): InputSpec =>
  valuesInput(new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0), dtype, shape);
const ints = (values: readonly number[], shape?: readonly number[]): InputSpec => valuesInput(values, 'int32', shape);

/**
 * Errors that depend on tensor values: `index bounds` are checked by the backend's kernels
 * (unless it declares `limits.indexBoundsChecked: false`), `value read` by tensor where the
 * values can be read synchronously (`capabilities.syncRead`).
 */
type ValueCheck = 'index bounds' | 'value read';

type ErrorCase = readonly [label: string, inputs: readonly InputSpec[], run: ValueCase['run'], expected: ExpectedError, kind?: ValueCheck];

/**
 * Bad inputs and the typed error each must raise, with the words its message must contain:
 * the op, and the shapes or the value at fault, as the house rules ask.
 */
const ERROR_CASES: readonly ErrorCase[] = [
  ['add of [2,3] and [4]', [zeros([2, 3]), zeros([4])], ([a, b]) => T.add(a, b), { throws: ShapeError, mentions: ['add', '[2,3]', '[4]'] }],
  ['mul of [2,3] and [3,2]', [zeros([2, 3]), zeros([3, 2])], ([a, b]) => a.mul(b), { throws: ShapeError, mentions: ['mul', '[2,3]', '[3,2]'] }],
  ['matmul of [2,3] by [4,5]', [zeros([2, 3]), zeros([4, 5])], ([a, b]) => T.matmul(a, b), { throws: ShapeError, mentions: ['matmul', '[2,3]', '[4,5]'] }],
  ['matmul with batch dims 2 and 3', [zeros([2, 2, 3]), zeros([3, 3, 4])], ([a, b]) => T.matmul(a, b), { throws: ShapeError, mentions: ['matmul'] }],
  ['matmul of a 0-d tensor', [zeros([]), zeros([3])], ([a, b]) => T.matmul(a, b), { throws: ShapeError, mentions: ['matmul'] }],
  ['linear with in-features 5 and 6', [zeros([4, 5]), zeros([3, 6])], ([x, w]) => T.linear(x, w), { throws: ShapeError, mentions: ['linear', '[4,5]', '[3,6]'] }],
  ['concat of [2,3] and [2,4] on axis 0', [zeros([2, 3]), zeros([2, 4])], (ts) => T.concat(ts, 0), { throws: ShapeError, mentions: ['concat', '[2,3]', '[2,4]'] }],
  ['stack of [2,3] and [3,2]', [zeros([2, 3]), zeros([3, 2])], (ts) => T.stack(ts), { throws: ShapeError, mentions: ['stack', '[2,3]', '[3,2]'] }],
  ['reshape [2,3] into [4]', [zeros([2, 3])], ([x]) => x.reshape(4), { throws: ShapeError, mentions: ['reshape', '[2,3]', '[4]'] }],
  ['expand [2,3] to [3,3]', [zeros([2, 3])], ([x]) => x.expand(3, 3), { throws: ShapeError, mentions: ['expand', '[2,3]', '[3,3]'] }],
  ['where with [2] and [3]', [zeros([2], 'bool'), zeros([3]), zeros([3])], ([c, a, b]) => T.where(c, a, b), { throws: ShapeError, mentions: ['where', '[2]', '[3]'] }],
  ['gather with an index of another rank', [zeros([3, 4]), ints([0, 1, 2])], ([x, i]) => T.gather(x, 1, i), { throws: ShapeError, mentions: ['gather', '[3]', '[3,4]'] }],
  ['scatterAdd with src smaller than index', [zeros([3, 4]), ints([0, 1, 2, 0], [2, 2]), zeros([1, 2])], ([x, i, s]) => T.scatterAdd(x, 0, i, s), { throws: ShapeError, mentions: ['scatterAdd'] }],
  ['tensor from a ragged array', [], () => T.tensor([[1, 2], [3]]), { throws: ShapeError, mentions: ['tensor', 'ragged'] }],
  ['sum over axis 2 of a 2-d tensor', [zeros([2, 3])], ([x]) => x.sum(2), { throws: ValueError, mentions: ['sum', '2'] }],
  ['softmax over axis -3 of a 2-d tensor', [zeros([2, 3])], ([x]) => x.softmax(-3), { throws: ValueError, mentions: ['softmax', '-3'] }],
  ['transpose of dims 0 and 5', [zeros([2, 3])], ([x]) => x.transpose(0, 5), { throws: ValueError, mentions: ['transpose', '5'] }],
  ['permute with a repeated dim', [zeros([2, 3])], ([x]) => x.permute(0, 0), { throws: ValueError, mentions: ['permute'] }],
  ['select index 3 of a dim of size 3', [zeros([3, 2])], ([x]) => x.select(0, 3), { throws: ValueError, mentions: ['select', '3'] }],
  ['narrow past the end', [zeros([3, 2])], ([x]) => x.narrow(0, 2, 2), { throws: ValueError, mentions: ['narrow'] }],
  ['split sizes that do not add up', [zeros([5])], ([x]) => x.split([2, 2]), { throws: ValueError, mentions: ['split'] }],
  ['gather of index 7 from a dim of size 4', [zeros([2, 4]), ints([0, 7], [2, 1])], ([x, i]) => T.gather(x, 1, i), { throws: ValueError, mentions: ['gather', '7'] }, 'index bounds'],
  ['gather of index -1', [zeros([2, 4]), ints([0, -1], [2, 1])], ([x, i]) => T.gather(x, 1, i), { throws: ValueError, mentions: ['gather', '-1'] }, 'index bounds'],
  ['indexSelect of index 4 from a dim of size 4', [zeros([4, 2]), ints([1, 4])], ([x, i]) => T.indexSelect(x, 0, i), { throws: ValueError, mentions: ['4'] }, 'index bounds'],
  ['scatterAdd at index 3 of a dim of size 3', [zeros([3]), ints([3]), zeros([1])], ([x, i, s]) => T.scatterAdd(x, 0, i, s), { throws: ValueError, mentions: ['scatterAdd', '3'] }, 'index bounds'],
  ['indexSelect with a float32 index', [zeros([4, 2]), zeros([2])], ([x, i]) => T.indexSelect(x, 0, i), { throws: DTypeError, mentions: ['indexSelect', 'float32'] }],
  ['reshape with two -1 dims', [zeros([2, 3])], ([x]) => x.reshape(-1, -1), { throws: ShapeError, mentions: ['reshape'] }],
  ['full with a negative dim', [], () => T.full([2, -1], 0), { throws: ShapeError, mentions: ['full', '[2,-1]'] }],
  ['arange with step 0', [], () => T.arange(0, 5, 0), { throws: ValueError, mentions: ['arange', 'step'] }],
  ['linspace with -1 steps', [], () => T.linspace(0, 1, -1), { throws: ValueError, mentions: ['linspace', '-1'] }],
  ['randint with low = high', [], () => T.randint(3, 3, [2]), { throws: ValueError, mentions: ['randint'] }],
  ['bernoulli with p = 1.5', [], () => T.bernoulli([2], 1.5), { throws: ValueError, mentions: ['bernoulli', '1.5'] }],
  // PyTorch refuses these rather than answer wrongly ("Class values must be smaller than num_classes",
  // "Integers to negative integer powers are not allowed", "Target 5 is out of bounds").
  ['oneHot of label 5 with 5 classes', [ints([1, 5])], ([l]) => T.oneHot(l, 5), { throws: ValueError, mentions: ['oneHot', '5'] }, 'value read'],
  ['oneHot of label -1', [ints([0, -1])], ([l]) => T.oneHot(l, 3), { throws: ValueError, mentions: ['oneHot', '-1'] }, 'value read'],
  ['pow of int32 by a negative int32', [ints([2, 3]), ints([-1, 2])], ([a, b]) => T.pow(a, b), { throws: ValueError, mentions: ['pow'] }, 'value read'],
  ['softmaxCrossEntropy with label 5 of 5 classes', [zeros([2, 5]), ints([0, 5])], ([x, l]) => T.softmaxCrossEntropy(x, l), { throws: ValueError, mentions: ['5'] }, 'index bounds'],
  ['using a disposed tensor', [zeros([2])], ([x]) => {
    x.dispose();
    return x.add(1);
  }, { throws: DisposedError, mentions: ['add'] }],
];

/** Why a value-dependent error cannot be raised on this backend, or null when it must be. */
function uncheckedBecause(ctx: SuiteContext, kind: ValueCheck | undefined): string | null {
  if (kind === 'index bounds' && ctx.limits.indexBoundsChecked === false) return 'the backend declares limits.indexBoundsChecked false';
  if (kind === 'value read' && !ctx.backend.capabilities.syncRead) return 'no syncRead: tensor cannot read the values to check them';
  return null;
}

/**
 * Where a value-dependent error cannot be raised (see `uncheckedBecause`), the call must
 * still not fail in any other way, and reading its result must work. The title says why.
 */
function uncheckedValueChecks(ctx: SuiteContext): Check[] {
  if (!supports(ctx, 'float32', 'int32', 'bool')) return [];
  return ERROR_CASES.filter((c) => uncheckedBecause(ctx, c[4]) !== null).map(([label, inputs, run, , kind]): Check => ({
    name: `${label}: not checked (${uncheckedBecause(ctx, kind)})`,
    run: async () => {
      const built = inputs.map(buildTensor);
      let outs: readonly T.Tensor[] = [];
      try {
        try {
          const out = run(built.map((b) => b.tensor));
          outs = Array.isArray(out) ? out : [out as T.Tensor];
        } catch (err) {
          if (err instanceof ValueError) return;
          throw new Error(`${label}: threw ${String(err)}; an unchecked value may give any result, or ValueError, but nothing else`);
        }
        for (const t of outs) await t.data();
      } finally {
        for (const t of outs) t.dispose();
        for (const b of built) for (const t of b.owned) t.dispose();
      }
    },
  }));
}

/** Shape mismatches, bad axes and indices, wrong dtypes, disposed tensors: typed errors that speak. */
export const errorsSection: Section = {
  name: 'errors',
  valueCases: (ctx: SuiteContext) => {
    if (!supports(ctx, 'float32', 'int32', 'bool')) return [];
    const cases = ERROR_CASES.filter((c) => uncheckedBecause(ctx, c[4]) === null).map(([label, inputs, run, expected]): ValueCase => ({
      name: label, op: label.split(' ')[0], dtype: 'float32', inputs, run, expected: () => expected,
    }));
    if (ctx.backend.capabilities.syncRead) {
      cases.push({
        name: 'itemSync of 2 elements', op: 'itemSync', dtype: 'float32', inputs: [zeros([2])],
        run: ([x]) => T.tensor(x.itemSync()),
        expected: () => ({ throws: ValueError, mentions: ['item', '2'] }),
      });
    }
    return cases;
  },
  checks: uncheckedValueChecks,
};
