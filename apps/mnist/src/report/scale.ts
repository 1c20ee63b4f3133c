/** Axis domains and tick positions for the charts. */

/** An axis: data domain `[lo, hi]`, tick values, and how to map a value into `[0, 1]`. */
export interface Axis {
  lo: number;
  hi: number;
  ticks: number[];
  log: boolean;
  /** Position of `v` along the axis, 0 at `lo` and 1 at `hi`. */
  fraction(v: number): number;
  /** Tick label text. */
  label(v: number): string;
}

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * mag;
}

function decimalsOf(step: number): number {
  for (let d = 0; d < 10; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-6) return d;
  return 10;
}

/**
 * A linear axis covering `[min, max]` with about `count` round ticks; the domain snaps
 * outwards to whole ticks. A zero-width range is widened so the axis never collapses.
 *
 * @example
 * linearAxis(0.03, 2.31).ticks; // [0, 0.5, 1, 1.5, 2, 2.5]
 */
export function linearAxis(min: number, max: number, count = 5): Axis {
  if (!(max > min)) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min, count);
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; lo + i * step <= hi + step * 1e-9; i++) ticks.push(Number((lo + i * step).toFixed(12)));
  const decimals = decimalsOf(step);
  return {
    lo,
    hi,
    ticks,
    log: false,
    fraction: (v) => (v - lo) / (hi - lo),
    label: (v) => v.toFixed(decimals),
  };
}

const MANTISSAS = [1, 2, 5];

/** The 1-2-5 grid value at `index` (index 3k is 10^k). */
function grid(index: number): number {
  const m = MANTISSAS[((index % 3) + 3) % 3];
  return Number((m * 10 ** Math.floor(index / 3)).toPrecision(6));
}

/**
 * A base-10 logarithmic axis over positive `[min, max]`, snapped outwards to the 1-2-5
 * grid. Ticks sit on that grid when the axis spans up to about two decades, else on decades.
 *
 * @example
 * logAxis(0.04, 2.3).ticks; // [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5]
 */
export function logAxis(min: number, max: number): Axis {
  if (!(min > 0) || !Number.isFinite(min)) min = 0.1;
  if (!(max >= min) || !Number.isFinite(max)) max = min;
  let a = Math.floor(Math.log10(min) + 1e-9) * 3;
  while (grid(a + 1) <= min * (1 + 1e-9)) a++;
  let b = Math.ceil(Math.log10(max) - 1e-9) * 3;
  while (grid(b - 1) >= max * (1 - 1e-9)) b--;
  if (b <= a) b = a + 1;
  const lo = grid(a);
  const hi = grid(b);
  const fine = Math.log10(hi / lo) <= 2.5;
  const ticks: number[] = [];
  for (let i = a; i <= b; i++) if (fine || i % 3 === 0) ticks.push(grid(i));
  return {
    lo,
    hi,
    ticks,
    log: true,
    fraction: (v) => Math.log10(v / lo) / Math.log10(hi / lo),
    label: (v) => (v >= 1e-4 && v < 1e5 ? String(v) : v.toExponential(0).replace('e+', 'e')),
  };
}

/**
 * The `[q, 1 - q]` quantile range of `values` (sorted copy), or the full range when there are
 * fewer than `minCount`; lets a few early steps with huge loss not flatten the rest of the curve.
 *
 * @example
 * robustRange([1, 2, 3], 0.02, 50); // [1, 3]
 */
export function robustRange(values: number[], q: number, minCount: number): [number, number] {
  if (values.length === 0) return [Number.NaN, Number.NaN];
  const s = Float64Array.from(values).sort();
  if (values.length < minCount) return [s[0], s[s.length - 1]];
  const at = (f: number): number => s[Math.min(s.length - 1, Math.max(0, Math.round(f * (s.length - 1))))];
  return [at(q), at(1 - q)];
}
