import { ShapeError, ValueError } from '@nnkit/core';
import { encodePng, pngDataUri } from './png.js';
import { svgToPng } from './svg-to-png.js';
import { px, svgDocument, text } from './svg.js';

/** One test image with its true label and the model's prediction. */
export interface DigitSample {
  /** 28×28 grey levels, row-major, 0 (background) to 255 (ink). */
  pixels: Uint8Array;
  label: number;
  predicted: number;
}

/** Options for {@link renderDigitGridSvg}. */
export interface DigitGridOptions {
  /** Digits per row; default 10. */
  columns?: number;
  /** Default "Test digits". */
  title?: string;
}

const SIDE = 28;
const ZOOM = 2;
const IMG = SIDE * ZOOM;
const CELL_W = 72;
const CELL_H = 90;
const MARGIN = 24;
const HEADER = 62;
const RED = '#dc2626';
const INK = [17, 24, 39];

/** The digit as ink on a transparent background, so it sits on whatever the cell colour is. */
function digitPng(pixels: Uint8Array): Uint8Array {
  const rgba = new Uint8Array(SIDE * SIDE * 4);
  for (let i = 0; i < SIDE * SIDE; i++) rgba.set([INK[0], INK[1], INK[2], pixels[i]], i * 4);
  return encodePng(SIDE, SIDE, rgba);
}

function check(samples: DigitSample[], columns: number): void {
  if (!Number.isInteger(columns) || columns < 1) {
    throw new ValueError(`renderDigitGridSvg: columns must be a positive integer, got ${columns}`);
  }
  samples.forEach((s, i) => {
    if (s.pixels.length !== SIDE * SIDE) {
      throw new ShapeError(`renderDigitGridSvg: samples[${i}].pixels must hold 28x28 = 784 values, got ${s.pixels.length}`);
    }
    for (const key of ['label', 'predicted'] as const) {
      if (!Number.isInteger(s[key]) || s[key] < 0) {
        throw new ValueError(`renderDigitGridSvg: samples[${i}].${key} must be a non-negative integer, got ${s[key]}`);
      }
    }
  });
}

/**
 * Draws test digits in a grid, each zoomed 2× with crisp pixels (`image-rendering="optimizeSpeed"`,
 * the spelling resvg and browsers both honour; resvg ignores `pixelated`) and captioned
 * "predicted/true"; misclassified ones get a red frame and red caption.
 *
 * @example
 * writeFileSync('digits.svg', renderDigitGridSvg(samples.slice(0, 100), { columns: 10 }));
 */
export function renderDigitGridSvg(samples: DigitSample[], opts: DigitGridOptions = {}): string {
  const { columns = 10, title = 'Test digits' } = opts;
  check(samples, columns);
  const cols = Math.max(1, Math.min(columns, samples.length));
  const rows = Math.ceil(samples.length / cols);
  const width = Math.max(MARGIN * 2 + cols * CELL_W, 360);
  const height = HEADER + Math.max(rows, 1) * CELL_H + MARGIN / 2;
  const wrong = samples.filter((s) => s.label !== s.predicted).length;
  const body: string[] = [
    text(MARGIN, 28, title, { size: 16, weight: 'bold' }),
    text(MARGIN, 48, `caption: predicted/true · ${wrong} of ${samples.length} misclassified (red)`, {
      size: 12,
      fill: '#6b7280',
    }),
  ];
  if (samples.length === 0) body.push(text(width / 2, HEADER + CELL_H / 2, 'no samples', { size: 13, anchor: 'middle', fill: '#6b7280' }));
  samples.forEach((s, i) => {
    const x = MARGIN + (i % cols) * CELL_W + (CELL_W - IMG) / 2;
    const y = HEADER + Math.floor(i / cols) * CELL_H + 4;
    const bad = s.label !== s.predicted;
    body.push(
      `<rect x="${px(x - 3)}" y="${px(y - 3)}" width="${IMG + 6}" height="${IMG + 6}" rx="3" fill="${bad ? '#fef2f2' : '#f9fafb'}" stroke="${bad ? RED : '#d1d5db'}" stroke-width="${bad ? 2 : 1}"/>`,
      `<image x="${px(x)}" y="${px(y)}" width="${IMG}" height="${IMG}" image-rendering="optimizeSpeed" href="${pngDataUri(digitPng(s.pixels))}"/>`,
      text(x + IMG / 2, y + IMG + 20, `${s.predicted}/${s.label}`, {
        size: 13,
        anchor: 'middle',
        fill: bad ? RED : '#374151',
        weight: bad ? 'bold' : 'normal',
      }),
    );
  });
  return svgDocument(width, height, body);
}

/**
 * {@link renderDigitGridSvg} rasterised to PNG bytes; `width` in pixels defaults to the SVG's.
 *
 * @example
 * writeFileSync('digits.png', renderDigitGridPng(samples, { columns: 10 }));
 */
export function renderDigitGridPng(samples: DigitSample[], opts: DigitGridOptions & { width?: number } = {}): Uint8Array {
  return svgToPng(renderDigitGridSvg(samples, opts), opts.width);
}
