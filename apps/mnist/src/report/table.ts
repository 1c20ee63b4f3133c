import { ValueError } from '@nnkit/core';

/** One finished epoch, as {@link formatEpochRow} prints it. Accuracies are fractions in [0, 1]. */
export interface EpochRow {
  epoch: number;
  epochs: number;
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
  lr: number;
  seconds: number;
}

const COLUMNS: [string, number][] = [
  ['epoch', 7],
  ['train loss', 12],
  ['train acc', 11],
  ['test loss', 11],
  ['test acc', 10],
  ['lr', 10],
  ['time', 9],
];

const row = (cells: string[]): string => cells.map((c, i) => c.padStart(COLUMNS[i][1])).join('');

const num = (v: number, f: (v: number) => string): string =>
  Number.isFinite(v) ? f(v) : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';

/**
 * Learning rates: plain when readable, scientific when small.
 *
 * @example
 * [0.1, 0.0125, 0.001].map(formatLr); // ['0.1', '0.0125', '1.00e-3']
 */
export function formatLr(lr: number): string {
  if (lr === 0 || (Math.abs(lr) >= 0.01 && Math.abs(lr) < 1000)) return String(Number(lr.toPrecision(3)));
  return lr.toExponential(2).replace('e+', 'e');
}

function formatSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s - m * 60)).padStart(2, '0')}s`;
}

/**
 * The column titles and a rule under them (two lines), matching {@link formatEpochRow}.
 *
 * @example
 * console.log(formatEpochHeader());
 */
export function formatEpochHeader(): string {
  const width = COLUMNS.reduce((a, [, w]) => a + w, 0);
  return `${row(COLUMNS.map(([t]) => t))}\n${'─'.repeat(width)}`;
}

/**
 * One aligned line per epoch: ` 3/10  0.0812  97.52%  0.0904  97.21%  0.1  4.2s`, in fixed
 * columns. A NaN or infinite loss prints as `nan`/`inf` rather than throwing, so a
 * diverging run still reports.
 *
 * @example
 * console.log(formatEpochRow({ epoch: 3, epochs: 10, trainLoss: 0.0812, trainAcc: 0.9752,
 *   testLoss: 0.0904, testAcc: 0.9721, lr: 0.1, seconds: 4.2 }));
 */
export function formatEpochRow(r: EpochRow): string {
  if (!Number.isInteger(r.epochs) || r.epochs < 1 || !Number.isInteger(r.epoch) || r.epoch < 0 || r.epoch > r.epochs) {
    throw new ValueError(`formatEpochRow: epoch ${r.epoch} of ${r.epochs} is not an integer in [0, epochs] with epochs >= 1`);
  }
  for (const key of ['trainAcc', 'testAcc'] as const) {
    if (Number.isFinite(r[key]) && (r[key] < 0 || r[key] > 1)) {
      throw new ValueError(`formatEpochRow: ${key} must be a fraction in [0, 1], got ${r[key]}`);
    }
  }
  if (!(r.seconds >= 0)) throw new ValueError(`formatEpochRow: seconds must be >= 0, got ${r.seconds}`);
  const pad = String(r.epochs).length;
  return row([
    `${String(r.epoch).padStart(pad)}/${r.epochs}`,
    num(r.trainLoss, (v) => v.toFixed(4)),
    num(r.trainAcc, (v) => `${(v * 100).toFixed(2)}%`),
    num(r.testLoss, (v) => v.toFixed(4)),
    num(r.testAcc, (v) => `${(v * 100).toFixed(2)}%`),
    num(r.lr, formatLr),
    formatSeconds(r.seconds),
  ]);
}
