import { ShapeError, ValueError } from '@nnkit/core';

const RAMP = ' .:-=+*#%@';
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/**
 * Draws a grey-level image (0 background … 255 ink) as ASCII art, two characters per pixel
 * so it looks square in a terminal; rows are joined with `\n`.
 *
 * @example
 * console.log(asciiDigit(testImages[0])); // a 28-line "7"
 */
export function asciiDigit(pixels: Uint8Array, width = 28): string {
  if (!Number.isInteger(width) || width < 1 || pixels.length % width !== 0) {
    throw new ShapeError(`asciiDigit: ${pixels.length} pixels do not form rows of width ${width}`);
  }
  const rows: string[] = [];
  for (let y = 0; y < pixels.length / width; y++) {
    let line = '';
    for (let x = 0; x < width; x++) {
      const c = RAMP[Math.min(RAMP.length - 1, Math.floor((pixels[y * width + x] * RAMP.length) / 256))];
      line += c + c;
    }
    rows.push(line);
  }
  return rows.join('\n');
}

/** A bar of `fraction * width` cells, drawn to the eighth of a cell. */
function bar(fraction: number, width: number): string {
  const eighths = Math.round(Math.min(1, Math.max(0, fraction)) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/**
 * One line per class, `▶ 3  ████████▏  97.1%`: class, a bar 24 cells wide for probability 1,
 * and the percentage; `▶` marks the predicted class.
 *
 * @example
 * console.log(formatProbabilities(softmaxRow, 3));
 */
export function formatProbabilities(probs: ArrayLike<number>, predicted: number): string {
  const n = probs.length;
  if (!Number.isInteger(predicted) || predicted < 0 || predicted >= n) {
    throw new ValueError(`formatProbabilities: predicted class ${predicted} is not in [0, ${n})`);
  }
  const width = 24;
  const labelWidth = String(n - 1).length;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = probs[i];
    if (!(p >= 0 && p <= 1)) throw new ValueError(`formatProbabilities: probs[${i}] = ${p} is not a probability in [0, 1]`);
    const mark = i === predicted ? '▶' : ' ';
    lines.push(`${mark} ${String(i).padStart(labelWidth)}  ${bar(p, width).padEnd(width)} ${(p * 100).toFixed(1).padStart(5)}%`);
  }
  return lines.join('\n');
}
