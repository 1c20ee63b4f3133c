import { formatShape, ShapeError, shapesEqual, sizeOf, ValueError, type View } from '@nnkit/core';
import { MIN_RANK } from '../coalesce.js';
import { kernelSource, storeAs } from '../codegen.js';
import type { GpuContext } from '../context.js';
import { MAX_ELEMENTS } from '../device.js';

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
  // Padded to MIN_RANK dims so that one kernel serves every layout: a padding dim has one
  // element and a stride no offset reaches, so its coordinate is always 0.
  const rank = Math.max(MIN_RANK, dims.length);
  const pad = rank - dims.length;
  const dstStrides = [...new Array<number>(pad).fill(MAX_ELEMENTS), ...dims.map((k) => dst.strides[k])];
  const last = [...new Array<number>(pad).fill(0), ...dims.map((k) => dst.shape[k] - 1)];
  const srcStrides = [...new Array<number>(pad).fill(0), ...dims.map((k) => src.strides[k])];
  const source = (): string => {
    const lines = ['let y = Old[fi];', 'let rem = fi - Do;', 'let inside = 1.0;', 'if (rem < 0.0) { inside = 0.0; }', 'let at = So;'];
    for (let i = 0; i < rank; i++) {
      lines.push(
        `let d${i} = Math.floor((rem + 0.5) / s${i});`,
        `if (rem - d${i} * s${i} < 0.0) { d${i} = d${i} - 1.0; }`,
        `if (rem - d${i} * s${i} >= s${i}) { d${i} = d${i} + 1.0; }`,
        `if (d${i} > m${i}) { inside = 0.0; d${i} = m${i}; }`,
        `rem = rem - d${i} * s${i};`,
        `at = at + d${i} * t${i};`,
      );
    }
    lines.push('if (!(rem == 0.0)) { inside = 0.0; }', 'if (inside == 1.0) { y = S[at]; }');
    const params = ['Old', 'S', 'Do', 'So', ...['s', 'm', 't'].flatMap((p) => Array.from({ length: rank }, (_, i) => `${p}${i}`))];
    return kernelSource(params, [...lines, ...storeAs(buf.dtype, 'y')]);
  };
  const key = `assign:${buf.dtype}:r${rank}`;
  const next = ctx.device.run({ key, source, dynamic: true }, buf.size, [old, sv, dst.offset, src.offset, ...dstStrides, ...last, ...srcStrides]);
  buf.version = next;
  old.kill();
}
