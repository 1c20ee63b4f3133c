import { DTypeError, formatShape, ShapeError, sizeOf, ValueError, type View } from '@nnkit/core';
import { argNames, MIN_RANK } from '../coalesce.js';
import { kernelSource, storeAs, unflatten } from '../codegen.js';
import type { GpuContext } from '../context.js';
import { Version } from '../version.js';
import { checkAxis } from './axes.js';

/** A scalar view as a one-element vector, so that gather/scatterAdd need no rank-0 case. */
export function atLeast1d(v: View): View {
  return v.shape.length > 0 ? v : { ...v, shape: [1], strides: [1] };
}

/** Shared checks of gather / scatterAdd: int32 index of x's rank, axis in range. */
export function checkIndex(ctx: GpuContext, op: string, x: View, axis: number, index: View): number {
  if (index.dtype !== 'int32') throw new DTypeError(`${ctx.name}: ${op}: index must be int32, got ${index.dtype}`);
  if (index.shape.length !== x.shape.length) {
    throw new ShapeError(`${op}: index ${formatShape(index.shape)} must have the rank of the input ${formatShape(x.shape)}`);
  }
  return checkAxis(op, Math.max(x.shape.length, 1), axis);
}

/**
 * torch.gather: `out[…i…] = x[…index[…i…]…]` along `axis`; output shape is index's. The index
 * is not read on the host, so an out-of-range entry cannot throw: it yields NaN (float32) or 0.
 */
export function gather(ctx: GpuContext, x0: View, axis: number, index0: View): Version {
  const x = atLeast1d(x0);
  const index = atLeast1d(index0);
  const xv = ctx.input(x, 'gather');
  const iv = ctx.input(index, 'gather');
  const ax = checkIndex(ctx, 'gather', x, axis, index);
  index.shape.forEach((d, k) => {
    if (k !== ax && d > x.shape[k]) {
      throw new ShapeError(`gather: index ${formatShape(index.shape)} is larger than input ${formatShape(x.shape)} in dimension ${k}`);
    }
  });
  const size = sizeOf(index.shape);
  if (size === 0) return Version.of(0, null);
  if (sizeOf(x.shape) === 0) throw new ValueError(`gather: index ${formatShape(index.shape)} reads from an empty input ${formatShape(x.shape)}`);
  const bad = x.dtype === 'float32' ? 'pnan' : '0.0';
  const g = padded(index.shape, [index.strides, x.strides], ax);
  const r = g.shape.length;
  const source = (): string => {
    const c = argNames('c', r);
    return kernelSource(['X', 'I', 'Xo', 'Io', 'na', 'xa', ...argNames('n', r), ...argNames('is', r), ...argNames('xs', r), 'pnan'], [
      ...unflatten('fi', argNames('n', r), 'c'),
      `let t = I[Io + ${c.map((v, k) => `${v} * is${k}`).join(' + ')}];`,
      `let y = ${bad};`,
      `if (t >= 0.0 && t < na) { y = X[Xo + ${c.map((v, k) => `${v} * xs${k}`).join(' + ')} + t * xa]; }`,
      ...storeAs(x.dtype, 'y'),
    ]);
  };
  // x's stride along the axis goes in `xa`; its place among the coordinates' strides is 0.
  const xs = g.strides[1].map((s, k) => (k === g.axis ? 0 : s));
  const args = [xv, iv, x.offset, index.offset, x.shape[ax], x.strides[ax], ...g.shape, ...g.strides[0], ...xs, NaN];
  return ctx.device.run({ key: `gather:${x.dtype}:r${r}`, source, dynamic: true }, size, args);
}

/** Layouts padded to at least four dims (size 1, stride 0 in front), and where `axis` went. */
export function padded(shape: readonly number[], strides: readonly (readonly number[])[], axis: number): { shape: number[]; strides: number[][]; axis: number } {
  const pad = Math.max(0, MIN_RANK - shape.length);
  const zeros = new Array<number>(pad).fill(0);
  return { shape: [...zeros.map(() => 1), ...shape], strides: strides.map((s) => [...zeros, ...s]), axis: axis + pad };
}
