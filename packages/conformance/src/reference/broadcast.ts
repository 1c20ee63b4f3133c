import type { DType } from '@nnkit/core';
import { NdArray } from './ndarray.js';

/**
 * The NumPy broadcast of several shapes, written out here rather than taken from
 * `@nnkit/core` so that the oracle does not share code with the system under test.
 *
 * @example broadcastAll([[3, 1], [4]]) // [3, 4]
 */
export function broadcastAll(shapes: readonly (readonly number[])[]): number[] {
  const n = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let d = 1;
    for (const s of shapes) {
      const e = s[s.length - n + i] ?? 1;
      if (e !== 1 && d !== 1 && e !== d) throw new Error(`broadcastAll: [${shapes.map((x) => x.join(',')).join('] vs [')}]`);
      if (e !== 1) d = e;
    }
    out.push(d);
  }
  return out;
}

/**
 * `fn` applied elementwise to broadcast operands, stored as `dtype`.
 *
 * @example zipWith([a, b], 'float32', (x, y) => x + y)
 */
export function zipWith(arrays: readonly NdArray[], dtype: DType, fn: (...values: number[]) => number): NdArray {
  const shape = broadcastAll(arrays.map((a) => a.shape));
  const views = arrays.map((a) => a.expand(shape));
  return NdArray.fromFn(shape, dtype, (index) => fn(...views.map((v) => v.at(index))));
}
