import { DTypeError, formatShape, ShapeError, sizeOf, type View } from '@nnkit/core';
import { coordNames, kernelSource, lit, layoutKey, stridedIndex, storeAs, unflatten } from '../codegen.js';
import type { GpuContext } from '../context.js';
import type { Version } from '../version.js';
import { atLeast1d, checkIndex } from './gather.js';
import { copy } from './elementwise.js';

/**
 * torch.scatter_add: a copy of x with `src[…i…]` added at `x[…index[…i…]…]` along `axis`.
 * Written gather-style so that it needs no atomics: output element `c` sums, in index order,
 * the sources whose index along `axis` equals `c[axis]`. Out-of-range entries add nothing.
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
  const source = (): string => {
    const c = coordNames(x.shape.length, 'c');
    const at = c.map((name, k) => (k === ax ? 't' : name));
    const fits = x.shape.flatMap((d, k) => (k !== ax && index.shape[k] < d ? [`${c[k]} < ${lit(index.shape[k])}`] : []));
    return kernelSource(['X', 'I', 'S', 'Xo', 'Io', 'So'], [
      ...unflatten('fi', x.shape, 'c'),
      `let y = X[${stridedIndex('Xo', c, x.shape, x.strides)}];`,
      `if (${fits.length ? fits.join(' && ') : 'fi >= 0.0'}) {`,
      `for (let t = 0; t < ${index.shape[ax]}; t++) {`,
      `if (I[${stridedIndex('Io', at, index.shape, index.strides)}] == ${c[ax]}) { y = y + S[${stridedIndex('So', at, src.shape, src.strides)}]; }`,
      '}',
      '}',
      ...storeAs(x.dtype, 'y'),
    ]);
  };
  const key = `scatterAdd:${x.dtype}:${layoutKey(x)}:${layoutKey(index)}:${layoutKey(src)}:${ax}`;
  return ctx.device.run({ key, source, maxLoop: index.shape[ax] }, sizeOf(x.shape), [xv, iv, sv, x.offset, index.offset, src.offset]);
}
