import { formatShape, ShapeError, shapesEqual, sizeOf, ValueError, type View } from '@nnkit/core';
import { kernelSource, lit, stridedIndex, storeAs } from '../codegen.js';
import type { GpuContext } from '../context.js';

/**
 * Writes `src` into the region `dst` describes. Device buffers are not written in place: a
 * kernel over the whole destination buffer decides, per element, whether it lies in the view
 * (walking the view's strides from largest to smallest) and takes the new or the old value;
 * the result becomes the buffer's next version, so work queued earlier still sees the old one.
 */
export function assign(ctx: GpuContext, dst: View, src: View): void {
  const buf = ctx.buffer(dst.data, 'assign');
  const old = ctx.input(dst, 'assign');
  const sv = ctx.input(src, 'assign');
  if (!shapesEqual(dst.shape, src.shape)) {
    throw new ShapeError(`assign: source shape ${formatShape(src.shape)} does not match destination ${formatShape(dst.shape)}`);
  }
  if (sizeOf(dst.shape) === 0) return;
  // Dimensions that matter, largest stride first; each must step over everything after it.
  const dims = dst.shape.map((d, k) => k).filter((k) => dst.shape[k] > 1);
  dims.sort((p, q) => dst.strides[q] - dst.strides[p]);
  let span = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    const k = dims[i];
    if (dst.strides[k] < span) {
      throw new ValueError(`assign: destination view (shape ${formatShape(dst.shape)}, strides [${dst.strides.join(',')}]) overlaps itself`);
    }
    span = dst.strides[k] * (dst.shape[k] - 1) + span;
  }
  const source = (): string => {
    const coords = dst.shape.map(() => '0.0');
    const lines = ['let y = Old[fi];', 'let rem = fi - Do;', 'let inside = 1.0;', 'if (rem < 0.0) { inside = 0.0; }'];
    for (const k of dims) {
      const s = lit(dst.strides[k]);
      coords[k] = `d${k}`;
      lines.push(
        `let d${k} = Math.floor((rem + 0.5) / ${s});`,
        `if (rem - d${k} * ${s} < 0.0) { d${k} = d${k} - 1.0; }`,
        `if (rem - d${k} * ${s} >= ${s}) { d${k} = d${k} + 1.0; }`,
        `if (d${k} > ${lit(dst.shape[k] - 1)}) { inside = 0.0; d${k} = ${lit(dst.shape[k] - 1)}; }`,
        `rem = rem - d${k} * ${s};`,
      );
    }
    lines.push('if (!(rem == 0.0)) { inside = 0.0; }', `if (inside == 1.0) { y = S[${stridedIndex('So', coords, src.shape, src.strides)}]; }`);
    return kernelSource(['Old', 'S', 'Do', 'So'], [...lines, ...storeAs(buf.dtype, 'y')]);
  };
  const key = `assign:${buf.dtype}:${dst.shape.join('x')}/${dst.strides.join(',')}:${src.strides.join(',')}`;
  const next = ctx.device.run({ key, source }, buf.size, [old, sv, dst.offset, src.offset]);
  buf.version = next;
  old.kill();
}
