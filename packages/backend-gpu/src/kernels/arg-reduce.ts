import { type ArgReduceOp, sizeOf, ValueError, type View } from '@nnkit/core';
import { coordNames, isNan, kernelSource, layoutKey, stridedIndex, unflatten } from '../codegen.js';
import type { GpuContext } from '../context.js';
import type { Version } from '../version.js';
import { checkAxis } from './axes.js';
import { FILL } from './fill.js';

/**
 * int32 index of the first maximum (`argmax`) or minimum (`argmin`) along `axis`; a NaN counts
 * as both, so the first NaN wins. Output shape is x's without `axis`.
 */
export function argReduce(ctx: GpuContext, op: ArgReduceOp, x: View, axis: number): Version {
  if (op !== 'argmax' && op !== 'argmin') throw new ValueError(`${ctx.name}: argReduce: unknown op '${String(op)}'`);
  const xv = ctx.input(x, op);
  if (x.shape.length === 0) {
    checkAxis(op, 1, axis);
    return ctx.device.run(FILL, 1, [0]);
  }
  const ax = checkAxis(op, x.shape.length, axis);
  const outShape = x.shape.filter((_, k) => k !== ax);
  const size = sizeOf(outShape);
  const n = x.shape[ax];
  if (n === 0 && size > 0) throw new ValueError(`${op}: cannot reduce over an empty dimension (shape [${x.shape.join(',')}], axis ${ax})`);
  if (size === 0) return ctx.device.run(FILL, 0, [0]);
  const better = op === 'argmax' ? 'v > best' : 'v < best';
  const source = (): string => {
    const outCoords = coordNames(outShape.length, 'o');
    const coords = x.shape.map((_, k) => (k === ax ? 'j' : outCoords[k < ax ? k : k - 1]));
    const first = coords.map((c) => (c === 'j' ? '0.0' : c));
    return kernelSource(['X', 'Xo'], [
      ...unflatten('fi', outShape, 'o'),
      `let best = X[${stridedIndex('Xo', first, x.shape, x.strides)}];`,
      'let bi = 0.0;',
      `for (let j = 1; j < ${n}; j++) {`,
      `let v = X[${stridedIndex('Xo', coords, x.shape, x.strides)}];`,
      `if (best == best) { if (${better}) { best = v; bi = j; } if (${isNan('v')}) { best = v; bi = j; } }`,
      '}',
      'return bi;',
    ]);
  };
  return ctx.device.run({ key: `${op}:${layoutKey(x)}:${ax}`, source, maxLoop: n }, size, [xv, x.offset]);
}
