import { ShapeError, ValueError } from '@nnkit/core';

/**
 * Counts (true class, predicted class) pairs: `matrix[t][p]` is how many samples of class
 * `t` were predicted as `p`.
 *
 * @example
 * confusionMatrix([0, 1, 1], [0, 1, 0], 2); // [[1, 0], [1, 1]]
 */
export function confusionMatrix(labels: ArrayLike<number>, preds: ArrayLike<number>, numClasses = 10): number[][] {
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new ValueError(`confusionMatrix: numClasses must be a positive integer, got ${numClasses}`);
  }
  if (labels.length !== preds.length) {
    throw new ShapeError(`confusionMatrix: ${labels.length} labels but ${preds.length} predictions`);
  }
  const m = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const t = labels[i];
    const p = preds[i];
    for (const [what, v] of [['labels', t], ['preds', p]] as const) {
      if (!Number.isInteger(v) || v < 0 || v >= numClasses) {
        throw new ValueError(`confusionMatrix: ${what}[${i}] = ${v} is not a class in [0, ${numClasses})`);
      }
    }
    m[t][p]++;
  }
  return m;
}

function checkMatrix(matrix: number[][], classes: string[] | undefined): void {
  const n = matrix.length;
  if (n === 0) throw new ShapeError('formatConfusion: matrix is empty');
  matrix.forEach((row, i) => {
    if (row.length !== n) throw new ShapeError(`formatConfusion: matrix must be square, row ${i} has ${row.length} entries, not ${n}`);
    row.forEach((v, j) => {
      if (!Number.isInteger(v) || v < 0) {
        throw new ValueError(`formatConfusion: matrix[${i}][${j}] = ${v} is not a non-negative integer count`);
      }
    });
  });
  if (classes && classes.length !== n) {
    throw new ShapeError(`formatConfusion: ${classes.length} class names for a ${n}x${n} matrix`);
  }
}

const pct = (num: number, den: number, digits = 1): string => (den === 0 ? '-' : ((100 * num) / den).toFixed(digits));

/**
 * Lays out a confusion matrix as a text table: rows are true classes, columns predicted
 * ones; zero counts show as `·` so mistakes stand out. Each row ends with its total and
 * the class's recall, the last row holds per-class precision, then the overall accuracy.
 * Percentages are written without `%` to keep columns narrow.
 *
 * @example
 * console.log(formatConfusion(confusionMatrix(labels, preds)));
 */
export function formatConfusion(matrix: number[][], classes?: string[]): string {
  checkMatrix(matrix, classes);
  const n = matrix.length;
  const names = classes ?? matrix.map((_, i) => String(i));
  const rowTotals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = names.map((_, j) => matrix.reduce((a, row) => a + row[j], 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const correct = matrix.reduce((a, row, i) => a + row[i], 0);
  const longest = Math.max(...matrix.flat().map((v) => String(v).length), ...names.map((s) => s.length));
  const cw = Math.max(6, longest + 2);
  const lw = Math.max('true\\pred'.length, 'precision%'.length, ...names.map((s) => s.length));
  const tw = Math.max(7, String(total).length + 2);
  const cell = (s: string): string => s.padStart(cw);
  const lines = [
    `${'true\\pred'.padStart(lw)}${names.map(cell).join('')} │${'total'.padStart(tw)}${'recall%'.padStart(9)}`,
    ...matrix.map(
      (row, i) =>
        `${names[i].padStart(lw)}${row.map((v) => cell(v === 0 ? '·' : String(v))).join('')} │` +
        `${String(rowTotals[i]).padStart(tw)}${pct(row[i], rowTotals[i]).padStart(9)}`,
    ),
  ];
  lines.push(`${'─'.repeat(lw + cw * n + 1)}┼${'─'.repeat(tw + 9)}`);
  lines.push(`${'precision%'.padStart(lw)}${names.map((_, j) => cell(pct(matrix[j][j], colTotals[j]))).join('')} │`);
  lines.push(`accuracy ${pct(correct, total, 2)}% (${correct} / ${total} correct)`);
  return lines.join('\n');
}
