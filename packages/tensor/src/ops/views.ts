import { ShapeError, ValueError, contiguousStrides, formatShape, normalizeAxis, sizeOf } from '@nnkit/core';
import { backendOf, fromKernel, makeView, record, viewAs, viewOf } from '../dispatch.js';
import { Tensor } from '../tensor.js';

/** Accepts `f(2, 3)` and `f([2, 3])` alike. */
export function shapeArg(args: number[] | [readonly number[]]): readonly number[] {
  return Array.isArray(args[0]) ? (args[0] as readonly number[]) : (args as number[]);
}

/** Strides that read `t` as if broadcast to `shape` (0 where a dim is repeated). */
export function broadcastStrides(t: Tensor, shape: readonly number[]): number[] {
  const lead = shape.length - t.ndim;
  return shape.map((d, i) => {
    const j = i - lead;
    if (j < 0) return 0;
    return t.shape[j] === 1 && d !== 1 ? 0 : t.strides[j];
  });
}

/** Resolves one `-1` in a target shape and checks the element count. */
function resolveShape(x: Tensor, shape: readonly number[]): number[] {
  const out = [...shape];
  const unknown = out.indexOf(-1);
  if (unknown !== out.lastIndexOf(-1)) throw new ShapeError(`reshape: only one dimension can be -1, got ${formatShape(shape)}`);
  if (unknown >= 0) {
    const known = sizeOf(out.filter((_, i) => i !== unknown));
    if (known === 0 || x.size % known !== 0) {
      throw new ShapeError(`reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)}`);
    }
    out[unknown] = x.size / known;
  }
  if (out.some((d) => !Number.isInteger(d) || d < 0) || sizeOf(out) !== x.size) {
    throw new ShapeError(
      `reshape: cannot reshape ${formatShape(x.shape)} (${x.size} elements) into ${formatShape(shape)} (${sizeOf(out)} elements)`,
    );
  }
  return out;
}

/** A view with the same elements in a new shape (`-1` infers one dim); copies only if strided. */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  x._assertAlive('reshape');
  const target = resolveShape(x, shape);
  if (!x.isContiguous) {
    const c = contiguous(x);
    try {
      return reshape(c, target);
    } finally {
      c.dispose();
    }
  }
  return record('reshape', [x], makeView(x, target, contiguousStrides(target), x.offset), { shape: target });
}

/** A view of `x` with new shape and strides, recorded as a reshape (squeeze / unsqueeze). */
function restride(x: Tensor, shape: number[], strides: number[]): Tensor {
  x._assertAlive('reshape');
  return record('reshape', [x], makeView(x, shape, strides, x.offset), { shape });
}

/** Merges dims `startDim..endDim` into one. */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  if (x.ndim === 0) return reshape(x, [1]);
  const s = normalizeAxis(startDim, x.ndim, 'flatten');
  const e = normalizeAxis(endDim, x.ndim, 'flatten');
  if (s > e) throw new ValueError(`flatten: startDim ${startDim} comes after endDim ${endDim}`);
  return reshape(x, [...x.shape.slice(0, s), sizeOf(x.shape.slice(s, e + 1)), ...x.shape.slice(e + 1)]);
}

/** Removes size-1 dims (all of them, or the given ones that are size 1). */
export function squeeze(x: Tensor, axis?: number | readonly number[]): Tensor {
  const axes =
    axis === undefined
      ? x.shape.map((_, i) => i)
      : (typeof axis === 'number' ? [axis] : axis).map((a) => normalizeAxis(a, x.ndim, 'squeeze'));
  const keep = x.shape.map((d, i) => !(d === 1 && axes.includes(i)));
  return restride(x, x.shape.filter((_, i) => keep[i]), x.strides.filter((_, i) => keep[i]));
}

/** Inserts a size-1 dim at `axis` (negative counts from the end of the result). */
export function unsqueeze(x: Tensor, axis: number): Tensor {
  const a = normalizeAxis(axis, x.ndim + 1, 'unsqueeze');
  const shape = [...x.shape];
  const strides = [...x.strides];
  shape.splice(a, 0, 1);
  strides.splice(a, 0, a < x.ndim ? x.strides[a] * x.shape[a] : 1);
  return restride(x, shape, strides);
}

/** Reorders dims: `permute(x, [2, 0, 1])`. */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  x._assertAlive('permute');
  const norm = dims.map((d) => normalizeAxis(d, x.ndim, 'permute'));
  if (norm.length !== x.ndim || new Set(norm).size !== norm.length) {
    throw new ValueError(`permute: ${formatShape(dims)} is not a permutation of the ${x.ndim} dims of ${formatShape(x.shape)}`);
  }
  const view = makeView(x, norm.map((d) => x.shape[d]), norm.map((d) => x.strides[d]), x.offset);
  return record('permute', [x], view, { dims: norm });
}

/** Swaps two dims (default: the last two; a 0-D or 1-D tensor comes back as a view). */
export function transpose(x: Tensor, dim0 = -2, dim1 = -1): Tensor {
  if (x.ndim < 2) return permute(x, x.shape.map((_, i) => i));
  const a = normalizeAxis(dim0, x.ndim, 'transpose');
  const b = normalizeAxis(dim1, x.ndim, 'transpose');
  const dims = x.shape.map((_, i) => i);
  [dims[a], dims[b]] = [dims[b], dims[a]];
  return permute(x, dims);
}

/** A broadcast view: size-1 dims repeat without copying; `-1` keeps a dim. */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  x._assertAlive('expand');
  const lead = shape.length - x.ndim;
  const target = shape.map((d, i) => (d === -1 && i >= lead ? x.shape[i - lead] : d));
  const bad = lead < 0 || target.some((d, i) => i >= lead && x.shape[i - lead] !== 1 && x.shape[i - lead] !== d);
  if (bad || target.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new ShapeError(`expand: cannot expand ${formatShape(x.shape)} to ${formatShape(shape)}`);
  }
  return record('expand', [x], makeView(x, target, broadcastStrides(x, target), x.offset), { shape: target });
}

/** A broadcast view of `x` in `shape` (NumPy's `broadcast_to`; the same as `expand`). */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  return expand(x, shape);
}

/** One dim of a slice: `[start, end, step]` (each optional, Python rules) or null for all. */
export type SliceSpec = null | undefined | readonly [start?: number | null, end?: number | null, step?: number];

/**
 * A strided window, like Python's `x[a:b:c, …]`; dims without a spec are taken whole.
 *
 * @example x.slice([[1, 3], null, [0, null, 2]]) // x[1:3, :, 0::2]
 */
export function slice(x: Tensor, specs: readonly SliceSpec[]): Tensor {
  x._assertAlive('slice');
  if (specs.length > x.ndim) throw new ShapeError(`slice: ${specs.length} slice specs for a tensor of shape ${formatShape(x.shape)}`);
  const starts: number[] = [];
  const steps: number[] = [];
  const shape: number[] = [];
  x.shape.forEach((size, d) => {
    const [rawStart, rawEnd, rawStep] = specs[d] ?? [];
    const step = rawStep ?? 1;
    if (!Number.isInteger(step) || step <= 0) throw new ValueError(`slice: step must be a positive integer, got ${step} (dim ${d})`);
    const clampIdx = (v: number | null | undefined, dflt: number): number => {
      if (v === null || v === undefined) return dflt;
      if (!Number.isInteger(v)) throw new ValueError(`slice: bounds must be integers, got ${v} (dim ${d})`);
      return Math.min(Math.max(v < 0 ? v + size : v, 0), size);
    };
    const start = clampIdx(rawStart, 0);
    const end = clampIdx(rawEnd, size);
    starts.push(start);
    steps.push(step);
    shape.push(Math.max(0, Math.ceil((end - start) / step)));
  });
  const offset = x.offset + starts.reduce((acc, s, d) => acc + s * x.strides[d], 0);
  const view = makeView(x, shape, x.strides.map((s, d) => s * steps[d]), offset);
  return record('slice', [x], view, { starts, steps, shape });
}

/** `length` elements of dim `axis` from `start` (a view). */
export function narrow(x: Tensor, axis: number, start: number, length: number): Tensor {
  const a = normalizeAxis(axis, x.ndim, 'narrow');
  const s = start < 0 ? start + x.shape[a] : start;
  if (!Number.isInteger(s) || !Number.isInteger(length) || s < 0 || length < 0 || s + length > x.shape[a]) {
    throw new ValueError(`narrow: start ${start} and length ${length} do not fit dim ${a} of size ${x.shape[a]}`);
  }
  const specs: SliceSpec[] = x.shape.map(() => null);
  specs[a] = [s, s + length, 1];
  return slice(x, specs);
}

/** Index `index` of dim `axis`, with that dim removed (a view). */
export function select(x: Tensor, axis: number, index: number): Tensor {
  const a = normalizeAxis(axis, x.ndim, 'select');
  const i = index < 0 ? index + x.shape[a] : index;
  if (!Number.isInteger(i) || i < 0 || i >= x.shape[a]) {
    throw new ValueError(`select: index ${index} is out of range for dim ${a} of size ${x.shape[a]}`);
  }
  const n = narrow(x, a, i, 1);
  try {
    return squeeze(n, a);
  } finally {
    n.dispose();
  }
}

/** `x` itself when already contiguous (unless `force`), otherwise a contiguous copy. */
export function contiguous(x: Tensor, force = false): Tensor {
  if (x.isContiguous && !force) {
    x._assertAlive('contiguous');
    return x;
  }
  const backend = backendOf('contiguous', [x]);
  return record('contiguous', [x], fromKernel(backend, backend.copy(viewOf(x, 'contiguous')), x.shape, x.dtype), {});
}

/** The adjoint of `slice`: zeros of `shape` with `src` written into the window. */
export function sliceScatter(src: Tensor, shape: readonly number[], starts: readonly number[], steps: readonly number[]): Tensor {
  const backend = backendOf('sliceScatter', [src]);
  const out = fromKernel(backend, backend.full(sizeOf(shape), 0, src.dtype), shape, src.dtype);
  const base = contiguousStrides(shape);
  const offset = starts.reduce((acc, s, d) => acc + s * base[d], 0);
  backend.assign(
    { data: out.storage.data, dtype: out.dtype, shape: src.shape, strides: base.map((b, d) => b * steps[d]), offset },
    viewOf(src, 'sliceScatter'),
  );
  return record('sliceScatter', [src], out, { shape, starts, steps });
}

/** A new handle on the same storage, outside the graph. */
export function detach(x: Tensor): Tensor {
  x._assertAlive('detach');
  return makeView(x, x.shape, x.strides, x.offset);
}

/** Writes `src` (broadcast to dst's shape) into dst's storage, in place; not recorded. */
export function copyInto(dst: Tensor, src: Tensor): void {
  backendOf('copy_', [dst, src]);
  if (sizeOf(dst.shape) !== 0) {
    const strides = broadcastStrides(src, dst.shape);
    if (src.ndim > dst.ndim || src.shape.some((d, i) => d !== 1 && d !== dst.shape[dst.ndim - src.ndim + i])) {
      throw new ShapeError(`copy_: cannot copy ${formatShape(src.shape)} into ${formatShape(dst.shape)}`);
    }
    dst.backend.assign(viewOf(dst, 'copy_'), viewAs(src, 'copy_', dst.shape, strides));
    dst.storage.version++;
  }
}
