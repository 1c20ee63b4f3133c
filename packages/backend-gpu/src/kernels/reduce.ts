import { type DType, type ReduceOp, sizeOf, ValueError, type View } from '@nnkit/core';
import { argNames, coalesce, loopBucket, padRank } from '../coalesce.js';
import { isNan, kernelSource, storeAs, unflatten } from '../codegen.js';
import type { GpuContext } from '../context.js';
import type { Version } from '../version.js';
import { checkAxes } from './axes.js';
import { FILL } from './fill.js';

const INIT: Record<ReduceOp, string> = { sum: '0.0', prod: '1.0', max: '-pinf', min: 'pinf' };
const STEP: Record<ReduceOp, string> = {
  sum: 'acc = acc + v;',
  prod: 'acc = acc * v;',
  // Guarded by `acc == acc`: compilers turn `if (v > acc) acc = v` into max(acc, v), which
  // drops a NaN already in acc (seen with headless GL on Mesa).
  max: `if (acc == acc) { if (v > acc) { acc = v; } if (${isNan('v')}) { acc = v; } }`,
  min: `if (acc == acc) { if (v < acc) { acc = v; } if (${isNan('v')}) { acc = v; } }`,
};

/**
 * Reduces `axes` away with one thread per output element looping over the reduced elements.
 * The kept dims and the reduced dims are each merged and padded to four (dims, strides and
 * the count are arguments), so one kernel per op, dtype and loop bound serves every shape.
 * `max`/`min` propagate NaN; reducing an empty axis gives 0 (sum) or 1 (prod) and is an error
 * for max/min.
 */
export function reduce(ctx: GpuContext, op: ReduceOp, x: View, axes: readonly number[], outDtype: DType): Version {
  if (!Object.hasOwn(INIT, op)) throw new ValueError(`${ctx.name}: reduce: unknown op '${String(op)}'`);
  const xv = ctx.input(x, 'reduce');
  ctx.dtype(outDtype, 'reduce');
  checkAxes(`reduce ${op}`, x, axes);
  const kept = x.shape.map((_, k) => k).filter((k) => !axes.includes(k));
  const size = sizeOf(kept.map((k) => x.shape[k]));
  const count = sizeOf(axes.map((k) => x.shape[k]));
  if (count === 0) {
    if (size > 0 && (op === 'max' || op === 'min')) {
      throw new ValueError(`reduce ${op}: cannot reduce over an empty dimension (shape [${x.shape.join(',')}], axes [${axes.join(',')}])`);
    }
    return ctx.device.run(FILL, size, [op === 'prod' ? 1 : 0]);
  }
  const outer = padRank(coalesce(kept.map((k) => x.shape[k]), [kept.map((k) => x.strides[k])]));
  const inner = padRank(coalesce(axes.map((k) => x.shape[k]), [axes.map((k) => x.strides[k])]));
  const [ro, ri] = [outer.shape.length, inner.shape.length];
  const bound = loopBucket(count);
  const source = (): string => {
    const at = (p: string, s: string, n: number): string => argNames(p, n).map((c, k) => `${c} * ${s}${k}`).join(' + ');
    return kernelSource(['X', 'Xo', 'cnt', ...argNames('n', ro), ...argNames('s', ro), ...argNames('m', ri), ...argNames('t', ri), 'pinf'], [
      ...unflatten('fi', argNames('n', ro), 'o'),
      `let base = Xo + ${at('o', 's', ro)};`,
      `let acc = ${INIT[op]};`,
      'for (let j = 0; j < cnt; j++) {',
      'let jf = j * 1.0;',
      ...unflatten('jf', argNames('m', ri), 'i'),
      `let v = X[base + ${at('i', 't', ri)}];`,
      STEP[op],
      '}',
      ...storeAs(outDtype, 'acc'),
    ]);
  };
  const key = `reduce:${op}:${outDtype}:r${ro}:${ri}:${bound}`;
  const args = [xv, x.offset, count, ...outer.shape, ...outer.strides[0], ...inner.shape, ...inner.strides[0], Infinity];
  return ctx.device.run({ key, source, maxLoop: bound, dynamic: true }, size, args);
}
