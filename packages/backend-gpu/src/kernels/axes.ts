import { ValueError, type View } from '@nnkit/core';

/** Checks reduce axes: integers, sorted, distinct, inside the rank. */
export function checkAxes(op: string, x: View, axes: readonly number[]): void {
  for (let k = 0; k < axes.length; k++) {
    const a = axes[k];
    if (!Number.isInteger(a) || a < 0 || a >= x.shape.length || (k > 0 && a <= axes[k - 1])) {
      throw new ValueError(`${op}: axes [${axes.join(',')}] must be sorted, distinct and within 0..${x.shape.length - 1}`);
    }
  }
}

/** Checks one axis and returns it in `0..rank-1` (negative axes count from the end). */
export function checkAxis(op: string, rank: number, axis: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
    throw new ValueError(`${op}: axis ${axis} is out of range for a tensor with ${rank} dimension(s)`);
  }
  return axis < 0 ? axis + rank : axis;
}
