/** Turning a metric history into drawable polylines. */

/** A run of `[x, y]` points drawn as one unbroken line. */
export type Segment = [number, number][];

/**
 * Centred moving average over about `total / 50` points (`total`: the whole line's length),
 * within one run so it never reaches across a gap.
 *
 * @example
 * smooth([[0, 1], [1, 3], [2, 5]], 3); // [[0, 2], [1, 3], [2, 4]]
 */
export function smooth(run: Segment, total: number): Segment {
  const half = Math.max(1, Math.round(total / 100));
  const sums = new Float64Array(run.length + 1);
  for (let i = 0; i < run.length; i++) sums[i + 1] = sums[i] + run[i][1];
  return run.map(([e], i) => {
    const a = Math.max(0, i - half);
    const b = Math.min(run.length, i + half + 1);
    return [e, (sums[b] - sums[a]) / (b - a)];
  });
}

/**
 * Splits one metric into drawable runs of `[epoch, value]`: an undefined value skips the
 * point (not measured there), a non-finite one, or a non-positive one when `positiveOnly`
 * (log scale), ends the run.
 *
 * @example
 * segments([{ epoch: 1, v: 1 }, { epoch: 2, v: NaN }, { epoch: 3, v: 2 }], (p) => p.v);
 * // [[[1, 1]], [[3, 2]]]
 */
export function segments<P extends { epoch: number }>(
  points: P[],
  value: (p: P) => number | undefined,
  positiveOnly = false,
): Segment[] {
  const out: Segment[] = [];
  let run: Segment = [];
  for (const p of points) {
    const v = value(p);
    if (v === undefined) continue;
    if (Number.isFinite(v) && (!positiveOnly || v > 0)) {
      run.push([p.epoch, v]);
    } else if (run.length > 0) {
      out.push(run);
      run = [];
    }
  }
  if (run.length > 0) out.push(run);
  return out;
}

/**
 * Keeps the first, lowest, highest and last point of each pixel column (x rounded), so
 * thousands of step-level points draw the same envelope with a path a few kilobytes long.
 *
 * @example
 * decimate([[0, 5], [0.1, 1], [0.2, 9], [0.3, 4], [0.4, 6], [3, 0]]);
 * // [[0, 5], [0.1, 1], [0.2, 9], [0.4, 6], [3, 0]]
 */
export function decimate(run: Segment): Segment {
  const out: Segment = [];
  let group: Segment = [];
  const flush = (): void => {
    if (group.length <= 4) {
      out.push(...group);
    } else {
      const lo = group.reduce((a, b) => (b[1] < a[1] ? b : a));
      const hi = group.reduce((a, b) => (b[1] > a[1] ? b : a));
      const picks = new Set([group[0], lo, hi, group[group.length - 1]]);
      out.push(...group.filter((q) => picks.has(q)));
    }
    group = [];
  };
  for (const q of run) {
    if (group.length > 0 && Math.round(group[0][0]) !== Math.round(q[0])) flush();
    group.push(q);
  }
  flush();
  return out;
}

