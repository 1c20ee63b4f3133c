import { type DType, formatShape, ShapeError, shapesEqual, sizeOf, type View } from '@nnkit/core';
import { coordNames, kernelSource, layoutKey, stridedIndex, storeAs, unflatten } from '../codegen.js';
import type { GpuContext } from '../context.js';
import type { Version } from '../version.js';
import { FILL } from './fill.js';

/**
 * Batched matmul, one thread per output element with a dot product over K:
 * a `[...batch, M, K]` · b `[...batch, K, N]` → `[...batch, M, N]`.
 */
export function matmul(ctx: GpuContext, a: View, b: View, outDtype: DType): Version {
  const av = ctx.input(a, 'matmul');
  const bv = ctx.input(b, 'matmul');
  ctx.dtype(outDtype, 'matmul');
  const r = a.shape.length;
  if (r < 2 || b.shape.length !== r) {
    throw new ShapeError(`matmul: cannot multiply ${formatShape(a.shape)} by ${formatShape(b.shape)} (both need the same rank, at least 2)`);
  }
  const [m, k] = a.shape.slice(-2);
  const [k2, n] = b.shape.slice(-2);
  if (k !== k2) {
    throw new ShapeError(`matmul: cannot multiply ${formatShape(a.shape)} by ${formatShape(b.shape)} (inner dimensions ${k} and ${k2} differ)`);
  }
  const batch = a.shape.slice(0, -2);
  if (!shapesEqual(batch, b.shape.slice(0, -2))) {
    throw new ShapeError(`matmul: cannot multiply ${formatShape(a.shape)} by ${formatShape(b.shape)} (batch dimensions differ)`);
  }
  const outShape = [...batch, m, n];
  const size = sizeOf(outShape);
  if (size === 0 || k === 0) return ctx.device.run(FILL, size, [0]);
  const source = (): string => {
    const o = coordNames(r, 'o');
    const ai = stridedIndex('Ao', [...o.slice(0, -2), o[r - 2], 'j'], a.shape, a.strides);
    const bi = stridedIndex('Bo', [...o.slice(0, -2), 'j', o[r - 1]], b.shape, b.strides);
    return kernelSource(['A', 'B', 'Ao', 'Bo'], [
      ...unflatten('fi', outShape, 'o'),
      'let acc = 0.0;',
      `for (let j = 0; j < ${k}; j++) {`,
      `acc = acc + A[${ai}] * B[${bi}];`,
      '}',
      ...storeAs(outDtype, 'acc'),
    ]);
  };
  const key = `matmul:${outDtype}:${layoutKey(a)}:${layoutKey(b)}`;
  return ctx.device.run({ key, source, maxLoop: k }, size, [av, bv, a.offset, b.offset]);
}
