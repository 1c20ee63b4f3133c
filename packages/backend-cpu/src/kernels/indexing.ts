import { ShapeError, ValueError, formatShape } from '@nnkit/core';
import type { Shape } from '@nnkit/core';
import type { Strided } from '../strided.js';

/** A 0-d view as the 1-d view of its one element, so gather/scatter need no scalar case. */
export function atLeast1d(v: Strided): Strided {
  return v.shape.length > 0 ? v : { ...v, shape: [1], strides: [0] };
}

/** Checks that `axis` names a dim of an `ndim`-dim tensor (a 0-d tensor has axis 0). */
export function checkAxis(op: string, axis: number, ndim: number): void {
  if (!Number.isInteger(axis) || axis < 0 || axis >= Math.max(ndim, 1)) {
    throw new ValueError(`${op}: axis ${axis} is out of range for a tensor with ${ndim} dimension(s)`);
  }
}

/**
 * Checks that `index` has `target`'s rank and is no larger in any dim (except `axis` when
 * `skipAxis`), which is what torch.gather and torch.scatter_add ask of it.
 */
export function checkIndexFits(
  op: string, index: Shape, target: Shape, what: string, axis: number, skipAxis: boolean,
): void {
  let why = '';
  if (index.length !== target.length) {
    why = `ranks differ: ${index.length} and ${target.length}`;
  } else {
    const d = index.findIndex((n, i) => n > target[i] && !(skipAxis && i === axis));
    if (d >= 0) why = `index is larger at dimension ${d}`;
  }
  if (why !== '') {
    throw new ShapeError(`${op}: index shape ${formatShape(index)} does not fit ${what} shape ${formatShape(target)} (${why})`);
  }
}

/** The `ValueError` for an index outside `0..size-1` along `axis`. */
export function indexOutOfRange(op: string, value: number, axis: number, size: number): ValueError {
  return new ValueError(`${op}: index ${value} is out of bounds for dimension ${axis} with size ${size}`);
}
