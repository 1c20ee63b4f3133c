import { DTypeError, formatShape, ShapeError, sizeOf, type View } from '@nnkit/core';
import { argNames, loopBucket } from '../coalesce.js';
import { kernelSource, storeAs, unflatten } from '../codegen.js';
import type { GpuContext } from '../context.js';
import { MAX_ELEMENTS } from '../device.js';
import type { Version } from '../version.js';
import { atLeast1d, checkIndex, padded } from './gather.js';
import { copy } from './elementwise.js';

/**
 * torch.scatter_add: a copy of x with `src[…i…]` added at `x[…index[…i…]…]` along `axis`.
 * Written gather-style so that it needs no atomics: output element `c` sums, in index order,
 * the sources whose index along `axis` equals `c[axis]`. Out-of-range entries add nothing.
 * Shapes, strides and the axis are arguments: one kernel per dtype and loop bound.
 */
export function scatterAdd(ctx: GpuContext, x0: View, axis: number, index0: View, src0: View): Version {
  const [x, index, src] = [atLeast1d(x0), atLeast1d(index0), atLeast1d(src0)];
  const xv = ctx.input(x, 'scatterAdd');
  const iv = ctx.input(index, 'scatterAdd');
  const sv = ctx.input(src, 'scatterAdd');
  const ax = checkIndex(ctx, 'scatterAdd', x, axis, index);
  if (src.dtype !== x.dtype) throw new DTypeError(`${ctx.name}: scatterAdd: src dtype ${src.dtype} does not match input ${x.dtype}`);
  if (src.shape.length !== index.shape.length) {
    throw new ShapeError(`scatterAdd: src ${formatShape(src.shape)} must have the rank of index ${formatShape(index.shape)}`);
  }
  index.shape.forEach((d, k) => {
    if (d > src.shape[k] || (k !== ax && d > x.shape[k])) {
      throw new ShapeError(
        `scatterAdd: index ${formatShape(index.shape)} must fit in src ${formatShape(src.shape)} and, outside axis ${ax}, in input ${formatShape(x.shape)} (dimension ${k})`,
      );
    }
  });
  if (sizeOf(index.shape) === 0 || sizeOf(x.shape) === 0) return copy(ctx, x0);
  const g = padded(x.shape, [x.strides, index.strides, src.strides], ax);
  const r = g.shape.length;
  const count = index.shape[ax];
  const bound = loopBucket(count);
  const source = (): string => {
    const c = argNames('c', r);
    const sum = (s: string): string => c.map((v, k) => `${v} * ${s}${k}`).join(' + ');
    const lines = [...unflatten('fi', argNames('n', r), 'c'), `let y = X[Xo + ${sum('xs')}];`, `let ca = ${sum('e')};`, 'let fits = 1.0;'];
    for (let k = 0; k < r; k++) lines.push(`if (c${k} >= m${k}) { fits = 0.0; }`);
    lines.push(
      'if (fits == 1.0) {',
      `let ii = Io + ${sum('is')};`,
      `let si = So + ${sum('ss')};`,
      'for (let t = 0; t < T; t++) {',
      'if (I[ii] == ca) { y = y + S[si]; }',
      'ii = ii + ia;',
      'si = si + sa;',
      '}',
      '}',
      ...storeAs(x.dtype, 'y'),
    );
    const params = ['X', 'I', 'S', 'Xo', 'Io', 'So', 'T', 'ia', 'sa', ...['n', 'xs', 'e', 'm', 'is', 'ss'].flatMap((p) => argNames(p, r))];
    return kernelSource(params, lines);
  };
  // Along the axis, output coordinate c[axis] is compared with the index (e picks it out) and
  // the loop walks index and src (ia, sa); elsewhere the index must fit (m) and steps with c.
  const along = (s: readonly number[]) => s.map((v, k) => (k === g.axis ? 0 : v));
  const e = g.shape.map((_, k) => (k === g.axis ? 1 : 0));
  const pad = r - index.shape.length;
  const m = g.shape.map((_, k) => (k === g.axis || k < pad ? MAX_ELEMENTS : index.shape[k - pad]));
  const args = [
    xv, iv, sv, x.offset, index.offset, src.offset, count, index.strides[ax], src.strides[ax],
    ...g.shape, ...g.strides[0], ...e, ...m, ...along(g.strides[1]), ...along(g.strides[2]),
  ];
  return ctx.device.run({ key: `scatterAdd:${x.dtype}:r${r}:${bound}`, source, maxLoop: bound, dynamic: true }, sizeOf(x.shape), args);
}
