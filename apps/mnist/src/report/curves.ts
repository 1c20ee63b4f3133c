import { ValueError } from '@nnkit/core';
import { type Axis, linearAxis, logAxis, robustRange } from './scale.js';
import { decimate, type Segment, segments, smooth } from './polyline.js';
import { escapeXml, px, svgDocument, text } from './svg.js';
import { formatLr } from './table.js';

/**
 * One row of training history. `epoch` may be fractional for step-level points (1.25 is a
 * quarter into the second epoch). Accuracies are fractions in [0, 1]. A missing field means
 * "not measured here" and the line skips it; NaN or ±Infinity breaks the line (a gap).
 */
export interface MetricPoint {
  epoch: number;
  trainLoss?: number;
  testLoss?: number;
  trainAcc?: number;
  testAcc?: number;
  lr?: number;
}

/** Options for {@link renderCurvesSvg}. */
export interface CurvesOptions {
  /** Default 900. */
  width?: number;
  /** Default 380. */
  height?: number;
  /** Default "Training curves". */
  title?: string;
  /** Log-scale loss axis; default false (linear from 0). */
  logLoss?: boolean;
  /**
   * Scale the y axes to the 2nd–98th percentile of each line with 50+ points, so the first
   * few hundred steps do not flatten the rest; those points run off the panel. Default true.
   */
  clipOutliers?: boolean;
}


const COLORS = { train: '#2563eb', test: '#ea580c' };
const GRID = '#e5e7eb';
const MUTED = '#6b7280';
/** Lines with at most this many points also get a dot per point. */
const MARKER_LIMIT = 60;
/** Lines with more points are drawn faint, under a moving average of themselves. */
const SMOOTH_LIMIT = 200;

interface Series {
  name: 'train' | 'test';
  runs: Segment[];
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

function lastValue(series: Series): number | undefined {
  const run = series.runs[series.runs.length - 1];
  return run?.[run.length - 1][1];
}

function drawPanel(id: string, box: Box, xAxis: Axis, yAxis: Axis, series: Series[], title: string, fmt: (v: number) => string): string[] {
  const X = (v: number): number => box.x + xAxis.fraction(v) * box.w;
  const Y = (v: number): number => box.y + box.h - yAxis.fraction(v) * box.h;
  const out: string[] = [`<g id="${id}">`];
  out.push(text(box.x, box.y - 12, title, { size: 13, weight: 'bold' }));
  const latest = series
    .map((s) => [s.name, lastValue(s)] as const)
    .filter((e): e is readonly ['train' | 'test', number] => e[1] !== undefined)
    .map(([n, v]) => `${n} ${fmt(v)}`);
  if (latest.length > 0) out.push(text(box.x + box.w, box.y - 12, `last: ${latest.join(' · ')}`, { size: 11, anchor: 'end', fill: MUTED }));
  for (const t of yAxis.ticks) {
    const y = px(Y(t));
    out.push(`<line x1="${px(box.x)}" y1="${y}" x2="${px(box.x + box.w)}" y2="${y}" stroke="${GRID}"/>`);
    out.push(text(box.x - 6, Y(t) + 4, yAxis.label(t), { size: 11, anchor: 'end', fill: MUTED }));
  }
  for (const t of xAxis.ticks) {
    const x = px(X(t));
    out.push(`<line x1="${x}" y1="${px(box.y)}" x2="${x}" y2="${px(box.y + box.h)}" stroke="${GRID}"/>`);
    out.push(text(X(t), box.y + box.h + 16, xAxis.label(t), { size: 11, anchor: 'middle', fill: MUTED }));
  }
  out.push(`<rect x="${px(box.x)}" y="${px(box.y)}" width="${px(box.w)}" height="${px(box.h)}" fill="none" stroke="#9ca3af"/>`);
  out.push(text(box.x + box.w / 2, box.y + box.h + 34, 'epoch', { size: 12, anchor: 'middle', fill: MUTED }));
  // The clip reaches a little past the frame so dots and lines on the edge are drawn whole.
  out.push(`<clipPath id="${id}-clip"><rect x="${px(box.x - 4)}" y="${px(box.y - 4)}" width="${px(box.w + 8)}" height="${px(box.h + 8)}"/></clipPath>`);
  out.push(`<g clip-path="url(#${id}-clip)" fill="none" stroke-linejoin="round" stroke-linecap="round">`);
  for (const s of series) {
    const color = COLORS[s.name];
    const total = s.runs.reduce((n, r) => n + r.length, 0);
    const width = s.name === 'test' ? 2 : 1.5;
    const noisy = total > SMOOTH_LIMIT;
    const path = (run: Segment, extra: string): void => {
      const pts = decimate(run.map(([e, v]) => [X(e), Y(v)]));
      if (pts.length > 1) {
        const d = pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${px(x)} ${px(y)}`).join('');
        out.push(`<path d="${d}" stroke="${color}" stroke-width="${width}"${extra}/>`);
      }
      if (total <= MARKER_LIMIT || pts.length === 1) {
        for (const [x, y] of pts) out.push(`<circle cx="${px(x)}" cy="${px(y)}" r="2.5" fill="${color}" stroke="none"/>`);
      }
    };
    for (const run of s.runs) path(run, noisy ? ' stroke-opacity="0.25"' : '');
    if (noisy) for (const run of s.runs) path(smooth(run, total), '');
  }
  out.push('</g>', '</g>');
  return out;
}

function formatLoss(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(3) : v.toPrecision(3);
}

/**
 * Draws loss and accuracy curves (train and test) as a self-contained SVG: two panels side
 * by side with grid, ticks, a legend and the latest values. Thousands of points are fine.
 *
 * @example
 * const svg = renderCurvesSvg([
 *   { epoch: 1, trainLoss: 0.31, testLoss: 0.16, trainAcc: 0.91, testAcc: 0.95 },
 *   { epoch: 2, trainLoss: 0.14, testLoss: 0.11, trainAcc: 0.96, testAcc: 0.967 },
 * ]);
 */
export function renderCurvesSvg(points: MetricPoint[], opts: CurvesOptions = {}): string {
  const { width = 900, height = 380, title = 'Training curves', logLoss = false, clipOutliers = true } = opts;
  if (!(width >= 400 && height >= 200)) {
    throw new ValueError(`renderCurvesSvg: size must be at least 400x200, got ${width}x${height}`);
  }
  points.forEach((p, i) => {
    if (!Number.isFinite(p.epoch)) throw new ValueError(`renderCurvesSvg: points[${i}].epoch must be finite, got ${p.epoch}`);
    for (const key of ['trainAcc', 'testAcc'] as const) {
      const v = p[key];
      if (v !== undefined && Number.isFinite(v) && (v < 0 || v > 1)) {
        throw new ValueError(`renderCurvesSvg: points[${i}].${key} must be a fraction in [0, 1], got ${v}`);
      }
    }
  });
  const sorted = points.map((p, i) => [p, i] as const).sort((a, b) => a[0].epoch - b[0].epoch || a[1] - b[1]).map(([p]) => p);
  const loss: Series[] = [
    { name: 'train', runs: segments(sorted, (p) => p.trainLoss, logLoss) },
    { name: 'test', runs: segments(sorted, (p) => p.testLoss, logLoss) },
  ];
  const acc: Series[] = [
    { name: 'train', runs: segments(sorted, (p) => (p.trainAcc === undefined ? undefined : p.trainAcc * 100)) },
    { name: 'test', runs: segments(sorted, (p) => (p.testAcc === undefined ? undefined : p.testAcc * 100)) },
  ];
  const q = clipOutliers ? 0.02 : 0;
  const range = (ss: Series[]): [number, number] => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const sr of ss) {
      const [a, b] = robustRange(sr.runs.flatMap((r) => r.map((p) => p[1])), q, 50);
      if (a < lo) lo = a;
      if (b > hi) hi = b;
    }
    return [lo, hi];
  };
  let e0 = 0;
  let e1 = 1;
  for (const sr of [...loss, ...acc]) {
    for (const r of sr.runs) {
      for (const [e] of r) {
        if (e < e0) e0 = e;
        if (e > e1) e1 = e;
      }
    }
  }
  const xAxis = linearAxis(e0, e1, 6);
  const [lossLo, lossHi] = range(loss);
  const hasLoss = lossHi >= lossLo;
  const lossAxis = logLoss ? logAxis(hasLoss ? lossLo : 0.1, hasLoss ? lossHi : 1) : linearAxis(0, hasLoss && lossHi > 0 ? lossHi : 1, 5);
  const [accLo, accHi] = range(acc);
  const hasAcc = accHi >= accLo;
  const accAxis = linearAxis(hasAcc ? accLo : 0, 100, 5);

  const margin = { left: 58, right: 20, top: 64, bottom: 48, gap: 72 };
  const panelW = (width - margin.left - margin.right - margin.gap) / 2;
  const panelH = height - margin.top - margin.bottom;
  const lossBox = { x: margin.left, y: margin.top, w: panelW, h: panelH };
  const accBox = { x: margin.left + panelW + margin.gap, y: margin.top, w: panelW, h: panelH };

  const body: string[] = [`<title>${escapeXml(title)}</title>`, text(margin.left, 26, title, { size: 16, weight: 'bold' })];
  let lx = width - margin.right;
  for (const name of ['test', 'train'] as const) {
    body.push(text(lx, 26, name, { size: 12, anchor: 'end' }));
    lx -= name.length * 7 + 6;
    body.push(`<line x1="${px(lx - 22)}" y1="22" x2="${px(lx)}" y2="22" stroke="${COLORS[name]}" stroke-width="2.5" stroke-linecap="round"/>`);
    lx -= 40;
  }
  const lr = sorted.findLast((p) => p.lr !== undefined && Number.isFinite(p.lr))?.lr;
  if (lr !== undefined) body.push(text(lx - 8, 26, `lr ${formatLr(lr)}`, { size: 12, anchor: 'end', fill: MUTED }));
  body.push(...drawPanel('loss', lossBox, xAxis, lossAxis, loss, logLoss ? 'Loss (log scale)' : 'Loss', formatLoss));
  body.push(...drawPanel('accuracy', accBox, xAxis, accAxis, acc, 'Accuracy (%)', (v) => `${v.toFixed(2)}%`));
  for (const [box, has] of [[lossBox, hasLoss], [accBox, hasAcc]] as const) {
    if (!has) body.push(text(box.x + box.w / 2, box.y + box.h / 2, 'no data yet', { size: 13, anchor: 'middle', fill: MUTED }));
  }
  return svgDocument(width, height, body);
}
