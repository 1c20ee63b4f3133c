import { type ArgReduceOp, sizeOf, ValueError, type View } from '@nnkit/core';
import { argNames, coalesce, loopBucket, padRank } from '../coalesce.js';
import { isNan, kernelSource, unflatten } from '../codegen.js';
import type { GpuContext } from '../context.js';
import type { Version } from '../version.js';
import { checkAxis } from './axes.js';
import { FILL } from './fill.js';

/**
 * int32 index of the first maximum (`argmax`) or minimum (`argmin`) along `axis`; a NaN counts
 * as both, so the first NaN wins. Output shape is x's without `axis`. The other dims are
 * merged and padded to four, and sizes and strides are arguments: one kernel per op and bound.
 */
export function argReduce(ctx: GpuContext, op: ArgReduceOp, x: View, axis: number): Version {
  if (op !== 'argmax' && op !== 'argmin') throw new ValueError(`${ctx.name}: argReduce: unknown op '${String(op)}'`);
  const xv = ctx.input(x, op);
  if (x.shape.length === 0) {
    checkAxis(op, 1, axis);
    return ctx.device.run(FILL, 1, [0]);
  }
  const ax = checkAxis(op, x.shape.length, axis);
  const kept = x.shape.map((_, k) => k).filter((k) => k !== ax);
  const size = sizeOf(kept.map((k) => x.shape[k]));
  const n = x.shape[ax];
  if (n === 0 && size > 0) throw new ValueError(`${op}: cannot reduce over an empty dimension (shape [${x.shape.join(',')}], axis ${ax})`);
  if (size === 0) return ctx.device.run(FILL, 0, [0]);
  const outer = padRank(coalesce(kept.map((k) => x.shape[k]), [kept.map((k) => x.strides[k])]));
  const r = outer.shape.length;
  const bound = loopBucket(n);
  const better = op === 'argmax' ? 'v > best' : 'v < best';
  const source = (): string =>
    kernelSource(['X', 'Xo', 'cnt', 'st', ...argNames('n', r), ...argNames('s', r)], [
      ...unflatten('fi', argNames('n', r), 'o'),
      `let at = Xo + ${argNames('o', r).map((c, k) => `${c} * s${k}`).join(' + ')};`,
      'let best = X[at];',
      'let bi = 0.0;',
      'for (let j = 1; j < cnt; j++) {',
      'at = at + st;',
      'let v = X[at];',
      `if (best == best) { if (${better}) { best = v; bi = j; } if (${isNan('v')}) { best = v; bi = j; } }`,
      '}',
      'return bi;',
    ]);
  const args = [xv, x.offset, n, x.strides[ax], ...outer.shape, ...outer.strides[0]];
  return ctx.device.run({ key: `${op}:r${r}:${bound}`, source, maxLoop: bound, dynamic: true }, size, args);
}
