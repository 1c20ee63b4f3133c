import { type DType, ShapeError, formatShape, shapesEqual, sizeOf, type View } from '@nnkit/core';
import { coordNames, kernelSource, layoutKey, needsCoords, readView, storeAs, unflatten } from '../codegen.js';
import type { GpuContext } from '../context.js';
import type { KernelArg } from '../device.js';
import type { Version } from '../version.js';

/**
 * Runs an elementwise kernel over views of one shape: element `i` of each view is bound to the
 * matching name in `names`, `body` computes `y`, and `y` is stored as `outDtype`.
 *
 * @example mapViews(ctx, 'unary:exp', [x], ['v'], ['let y = Math.exp(v);'], 'float32')
 */
export function mapViews(
  ctx: GpuContext,
  key: string,
  views: readonly View[],
  names: readonly string[],
  body: readonly string[],
  outDtype: DType,
): Version {
  const op = key.split(':')[0];
  const versions = views.map((v) => ctx.input(v, op));
  ctx.dtype(outDtype, op);
  const shape = views[0].shape;
  for (const v of views) {
    if (!shapesEqual(v.shape, shape)) {
      throw new ShapeError(`${op}: operands have shapes ${views.map((w) => formatShape(w.shape)).join(' and ')} (they must match; broadcast by strides first)`);
    }
  }
  const size = sizeOf(shape);
  const source = (): string => {
    const coords = coordNames(shape.length, 'c');
    const lines = needsCoords(views) ? unflatten('fi', shape, 'c') : [];
    views.forEach((v, k) => lines.push(`let ${names[k]} = ${readView(`X${k}`, v, coords, true)};`));
    lines.push(...body, ...storeAs(outDtype, 'y'));
    const params = [...views.map((_, k) => `X${k}`), ...views.map((_, k) => `X${k}o`), 'pinf', 'pnan'];
    return kernelSource(params, lines);
  };
  const args: KernelArg[] = [...versions, ...views.map((v) => v.offset), Infinity, NaN];
  return ctx.device.run({ key: `${key}:${outDtype}:${views.map(layoutKey).join(';')}`, source }, size, args);
}
