import { type DType, formatShape, ShapeError, shapesEqual, sizeOf, type View } from '@nnkit/core';
import { argNames, coalesce, loopBucket, padRank } from '../coalesce.js';
import { kernelSource, storeAs, unflatten } from '../codegen.js';
import type { GpuContext } from '../context.js';
import type { Version } from '../version.js';
import { FILL } from './fill.js';

/**
 * Batched matmul, one thread per output element with a dot product over K:
 * a `[...batch, M, K]` · b `[...batch, K, N]` → `[...batch, M, N]`. The batch dims are merged
 * and padded to four; every size and stride is an argument, so one kernel per dtype and loop
 * bound serves every shape and layout.
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
  const size = sizeOf([...batch, m, n]);
  if (size === 0 || k === 0) return ctx.device.run(FILL, size, [0]);
  const bt = padRank(coalesce(batch, [a.strides.slice(0, -2), b.strides.slice(0, -2)]));
  const rb = bt.shape.length;
  const bound = loopBucket(k);
  const source = (): string => {
    const o = argNames('o', rb + 2);
    const at = (s: string): string => o.slice(0, rb).map((c, i) => `${c} * ${s}${i}`).join(' + ');
    return kernelSource(['A', 'B', 'Ao', 'Bo', 'K', ...argNames('n', rb + 2), ...argNames('as', rb + 2), ...argNames('bs', rb + 2)], [
      ...unflatten('fi', argNames('n', rb + 2), 'o'),
      `let ai = Ao + ${at('as')} + ${o[rb]} * as${rb};`,
      `let bi = Bo + ${at('bs')} + ${o[rb + 1]} * bs${rb + 1};`,
      'let acc = 0.0;',
      'for (let j = 0; j < K; j++) {',
      `acc = acc + A[ai] * B[bi];`,
      `ai = ai + as${rb + 1};`,
      `bi = bi + bs${rb};`,
      '}',
      ...storeAs(outDtype, 'acc'),
    ]);
  };
  // Strides: batch, then (a: row M, col K) and (b: row K, col N), indexed so that
  // `as${rb}` steps a's rows and `as${rb+1}` its K; `bs${rb}` steps b's K and `bs${rb+1}` its columns.
  const args = [
    av, bv, a.offset, b.offset, k,
    ...bt.shape, m, n,
    ...bt.strides[0], a.strides[r - 2], a.strides[r - 1],
    ...bt.strides[1], b.strides[r - 2], b.strides[r - 1],
  ];
  return ctx.device.run({ key: `matmul:${outDtype}:${bound}`, source, maxLoop: bound, dynamic: true }, size, args);
}
