import { type DType, isContiguous, ShapeError, formatShape, shapesEqual, sizeOf, type View } from '@nnkit/core';
import { coalesce, padRank } from '../coalesce.js';
import { kernelSource, storeAs, unflatten } from '../codegen.js';
import type { GpuContext } from '../context.js';
import type { KernelArg } from '../device.js';
import type { Version } from '../version.js';

/**
 * Runs an elementwise kernel over views of one shape: element `i` of each view is bound to the
 * matching name in `names`, `body` computes `y`, and `y` is stored as `outDtype`.
 *
 * The kernel is compiled once per op and dtype, in two forms: every view contiguous (read at
 * the flat index), or strided with dims and strides as arguments over at least four
 * dims (after merging dims, see `coalesce`). So the many shapes and layouts a program meets
 * share a handful of kernels.
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
  const merged = padRank(coalesce(shape, views.map((v) => v.strides)));
  // All contiguous: each view is read at `offset + fi`, the flat output index.
  const flat = merged.strides.every((s) => isContiguous(merged.shape, s));
  const rank = flat ? 0 : merged.shape.length;
  const dimArgs = Array.from({ length: Math.max(0, rank - 1) }, (_, k) => `n${k + 1}`);
  const strideArgs = views.flatMap((_, k) => Array.from({ length: rank }, (_, j) => `X${k}s${j}`));
  const source = (): string => {
    const lines = flat ? [] : unflatten('fi', ['n0', ...dimArgs], 'c');
    views.forEach((_, k) => {
      const at = flat ? 'fi' : Array.from({ length: rank }, (_, j) => `c${j} * X${k}s${j}`).join(' + ');
      lines.push(`let ${names[k]} = X${k}[X${k}o + ${at}];`);
    });
    lines.push(...body, ...storeAs(outDtype, 'y'));
    const params = [...views.map((_, k) => `X${k}`), ...views.map((_, k) => `X${k}o`), ...dimArgs, ...strideArgs, 'pinf', 'pnan'];
    return kernelSource(params, lines);
  };
  const args: KernelArg[] = [
    ...versions,
    ...views.map((v) => v.offset),
    ...(flat ? [] : merged.shape.slice(1)),
    ...(flat ? [] : merged.strides.flat()),
    Infinity,
    NaN,
  ];
  return ctx.device.run({ key: `${key}:${outDtype}:${flat ? 'flat' : `r${rank}`}`, source, dynamic: true }, size, args);
}
