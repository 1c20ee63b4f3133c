/** One line of the chart: a run's loss after each step. */
export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  /** Loss after step 1, 2, … */
  readonly losses: readonly number[];
  /** Drawn dashed, on top of the solid lines (two runs that agree exactly stay visible). */
  readonly dashed?: boolean;
}

/** Chart size and the step count the x axis spans (it grows if a series is longer). */
export interface ChartOptions {
  readonly width?: number;
  readonly height?: number;
  readonly steps?: number;
}

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' } as Record<string, string>)[c]};`);

/** About `count` round tick values from 0 to `max` (1, 2 or 5 times a power of ten apart). */
export function ticks(max: number, count = 5): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/**
 * An exponential moving average, which makes a noisy per-batch loss readable. The default
 * weight keeps its lag at about 1/20 of the run, whatever its length.
 */
export function smooth(values: readonly number[], alpha = Math.min(1, 20 / Math.max(values.length, 1))): number[] {
  const out: number[] = [];
  let avg = NaN;
  for (const v of values) {
    avg = Number.isNaN(avg) ? v : alpha * v + (1 - alpha) * avg;
    out.push(avg);
  }
  return out;
}

/**
 * The training-loss chart as SVG markup: the raw per-step loss faint, its moving average bold,
 * one colour per series, axes with round ticks and a legend. Non-finite losses are skipped.
 *
 * @example
 * el.innerHTML = lossChartSvg([{ label: 'cpu', color: '#2563eb', losses: [2.3, 1.9, 1.2] }], { steps: 79 });
 */
export function lossChartSvg(series: readonly ChartSeries[], options: ChartOptions = {}): string {
  const width = options.width ?? 900;
  const height = options.height ?? 320;
  const pad = { left: 44, right: 16, top: 16, bottom: 34 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const steps = Math.max(options.steps ?? 1, ...series.map((s) => s.losses.length), 1);
  const finite = series.flatMap((s) => s.losses.filter(Number.isFinite));
  const yMax = Math.max(2.5, ...finite) * 1.02;
  const x = (step: number): number => pad.left + (step / steps) * plotW;
  const y = (loss: number): number => pad.top + plotH - (Math.min(loss, yMax) / yMax) * plotH;
  const path = (values: readonly number[]): string =>
    values.map((v, i) => (Number.isFinite(v) ? `${x(i + 1).toFixed(1)},${y(v).toFixed(1)}` : '')).filter(Boolean).join(' ');

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="training loss per step">`,
    `<rect x="${pad.left}" y="${pad.top}" width="${plotW}" height="${plotH}" fill="#fafafa" stroke="#d4d4d8"/>`,
  ];
  for (const t of ticks(yMax)) {
    if (t > yMax) continue;
    parts.push(`<line x1="${pad.left}" x2="${pad.left + plotW}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#e4e4e7"/>`);
    parts.push(`<text x="${pad.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#52525b">${t}</text>`);
  }
  for (const t of ticks(steps, 6)) {
    if (t > steps) continue;
    parts.push(`<text x="${x(t).toFixed(1)}" y="${pad.top + plotH + 15}" text-anchor="middle" font-size="11" fill="#52525b">${t}</text>`);
  }
  parts.push(`<text x="${pad.left + plotW / 2}" y="${height - 4}" text-anchor="middle" font-size="12" fill="#3f3f46">step</text>`);
  parts.push(`<text x="12" y="${pad.top + plotH / 2}" text-anchor="middle" font-size="12" fill="#3f3f46" transform="rotate(-90 12 ${pad.top + plotH / 2})">loss</text>`);
  const dash = (s: ChartSeries): string => (s.dashed ? ' stroke-dasharray="7 5"' : '');
  for (const s of [...series].sort((a, b) => Number(a.dashed ?? false) - Number(b.dashed ?? false))) {
    parts.push(`<polyline fill="none" stroke="${esc(s.color)}" stroke-opacity="0.25" stroke-width="1" points="${path(s.losses)}"/>`);
    parts.push(`<polyline fill="none" stroke="${esc(s.color)}" stroke-width="2.2"${dash(s)} points="${path(smooth(s.losses))}"/>`);
  }
  series.forEach((s, i) => {
    const ly = pad.top + 14 + i * 17;
    const lx = pad.left + plotW - 150;
    parts.push(`<line x1="${lx}" x2="${lx + 22}" y1="${ly - 4}" y2="${ly - 4}" stroke="${esc(s.color)}" stroke-width="3"${dash(s)}/>`);
    parts.push(`<text x="${lx + 28}" y="${ly}" font-size="12" fill="#27272a">${esc(s.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
