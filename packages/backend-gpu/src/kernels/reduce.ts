import { type DType, type ReduceOp, sizeOf, ValueError, type View } from '@nnkit/core';
import { coordNames, isNan, kernelSource, layoutKey, stridedIndex, storeAs, unflatten } from '../codegen.js';
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
 * Reduces `axes` away with one thread per output element looping over the reduced elements
 * (nested loops with literal bounds, which every shader language accepts). `max`/`min`
 * propagate NaN; reducing an empty axis gives 0 (sum) or 1 (prod) and is an error for max/min.
 */
export function reduce(ctx: GpuContext, op: ReduceOp, x: View, axes: readonly number[], outDtype: DType): Version {
  if (!Object.hasOwn(INIT, op)) throw new ValueError(`${ctx.name}: reduce: unknown op '${String(op)}'`);
  const xv = ctx.input(x, 'reduce');
  ctx.dtype(outDtype, 'reduce');
  checkAxes(`reduce ${op}`, x, axes);
  const kept = x.shape.map((_, k) => k).filter((k) => !axes.includes(k));
  const outShape = kept.map((k) => x.shape[k]);
  const size = sizeOf(outShape);
  const count = sizeOf(axes.map((k) => x.shape[k]));
  if (count === 0) {
    if (size > 0 && (op === 'max' || op === 'min')) {
      throw new ValueError(`reduce ${op}: cannot reduce over an empty dimension (shape [${x.shape.join(',')}], axes [${axes.join(',')}])`);
    }
    return ctx.device.run(FILL, size, [op === 'prod' ? 1 : 0]);
  }
  const source = (): string => {
    const outCoords = coordNames(outShape.length, 'o');
    const coords: string[] = new Array<string>(x.shape.length);
    kept.forEach((k, i) => (coords[k] = outCoords[i]));
    axes.forEach((k, i) => (coords[k] = `j${i}`));
    const lines = [...unflatten('fi', outShape, 'o'), `let acc = ${INIT[op]};`];
    for (const [i, k] of axes.entries()) lines.push(`for (let j${i} = 0; j${i} < ${x.shape[k]}; j${i}++) {`);
    lines.push(`let v = X[${stridedIndex('Xo', coords, x.shape, x.strides)}];`, STEP[op]);
    lines.push(...axes.map(() => '}'), ...storeAs(outDtype, 'acc'));
    return kernelSource(['X', 'Xo', 'pinf'], lines);
  };
  const key = `reduce:${op}:${outDtype}:${layoutKey(x)}:${axes.join(',')}`;
  const maxLoop = Math.max(...axes.map((k) => x.shape[k]));
  return ctx.device.run({ key, source, maxLoop }, size, [xv, x.offset, Infinity]);
}
