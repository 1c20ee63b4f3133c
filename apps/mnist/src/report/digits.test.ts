import { inflateSync } from 'node:zlib';
import { ShapeError, ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { type DigitSample, renderDigitGridPng, renderDigitGridSvg } from './digits.js';
import { readPngHeader } from './png.js';

/** A recognisable fake digit: a vertical bar whose column depends on `k`. */
function sample(k: number, label: number, predicted: number): DigitSample {
  const pixels = new Uint8Array(784);
  for (let y = 4; y < 24; y++) pixels[y * 28 + 4 + k] = 255;
  pixels[0] = 128;
  return { pixels, label, predicted };
}

const samples = Array.from({ length: 12 }, (_, i) => sample(i, i % 10, i === 3 || i === 7 ? (i + 1) % 10 : i % 10));

describe('renderDigitGridSvg', () => {
  it('lays the digits out in a grid with predicted/true captions', () => {
    const svg = renderDigitGridSvg(samples, { columns: 5, title: 'Some digits' });
    expect(svg).toMatch(/width="408" height="344"/);
    expect(svg.match(/<image /g)).toHaveLength(12);
    expect(svg).toContain('image-rendering="optimizeSpeed"');
    expect(svg).toContain('>Some digits<');
    expect(svg).toContain('2 of 12 misclassified');
    expect(svg).toContain('>0/0<');
    expect(svg).toMatch(/<text [^>]*fill="#dc2626" font-weight="bold">4\/3<\/text>/);
    expect(svg.match(/stroke="#dc2626"/g)).toHaveLength(2);
    expect(svg).not.toMatch(/href="http|<script/);
  });

  it('embeds each digit as a 28x28 PNG whose alpha is the ink', () => {
    const svg = renderDigitGridSvg(samples.slice(0, 1));
    const b64 = /href="data:image\/png;base64,([^"]+)"/.exec(svg)![1];
    const png = new Uint8Array(Buffer.from(b64, 'base64'));
    expect(readPngHeader(png)).toEqual({ width: 28, height: 28, bitDepth: 8, colorType: 6 });
    const idatLen = new DataView(png.buffer).getUint32(33);
    const raw = inflateSync(png.subarray(41, 41 + idatLen));
    const alpha = (x: number, y: number): number => raw[y * (28 * 4 + 1) + 1 + x * 4 + 3];
    expect([alpha(0, 0), alpha(4, 10), alpha(5, 10), alpha(4, 2)]).toEqual([128, 255, 0, 0]);
  });

  it('uses fewer columns than asked when there are fewer samples, and handles none', () => {
    expect(renderDigitGridSvg(samples.slice(0, 3))).toMatch(/width="360"/);
    expect(renderDigitGridSvg([])).toContain('no samples');
  });

  it('rejects bad images, labels and column counts', () => {
    expect(() => renderDigitGridSvg([{ pixels: new Uint8Array(783), label: 1, predicted: 1 }])).toThrow(ShapeError);
    expect(() => renderDigitGridSvg([{ ...samples[0], label: -1 }])).toThrow(/samples\[0\]\.label must be a non-negative integer/);
    expect(() => renderDigitGridSvg(samples, { columns: 0 })).toThrow(ValueError);
  });
});

describe('renderDigitGridPng', () => {
  it('rasterises the grid at its own size or a given width', () => {
    expect(readPngHeader(renderDigitGridPng(samples, { columns: 5 }))).toMatchObject({ width: 408, height: 344 });
    expect(readPngHeader(renderDigitGridPng(samples, { columns: 5, width: 816 }))).toMatchObject({ width: 816, height: 688 });
  });
});
