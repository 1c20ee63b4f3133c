import { ShapeError, ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { asciiDigit, formatProbabilities } from './ascii.js';

describe('asciiDigit', () => {
  it('draws 28 rows of 56 characters, dark to light along the ramp', () => {
    const pixels = new Uint8Array(784);
    pixels[0] = 255;
    pixels[1] = 128;
    pixels[28 + 2] = 30;
    const rows = asciiDigit(pixels).split('\n');
    expect(rows).toHaveLength(28);
    expect(rows.every((r) => r.length === 56)).toBe(true);
    expect(rows[0].slice(0, 4)).toBe('@@++');
    expect(rows[1].slice(4, 6)).toBe('..');
    expect(rows[27]).toBe(' '.repeat(56));
  });

  it('takes other widths and rejects ragged images', () => {
    expect(asciiDigit(Uint8Array.from([0, 255, 255, 0]), 2)).toBe('  @@\n@@  ');
    expect(() => asciiDigit(new Uint8Array(10), 3)).toThrow(ShapeError);
  });
});

describe('formatProbabilities', () => {
  it('draws one bar per class and marks the prediction', () => {
    const probs = [0.001, 0.002, 0.01, 0.005, 0, 0, 0, 0.971, 0.001, 0.01];
    const lines = formatProbabilities(Float32Array.from(probs), 7).split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[7]).toBe('▶ 7  ███████████████████████▎  97.1%');
    expect(lines[4]).toBe(`  4  ${' '.repeat(24)}   0.0%`);
    expect(lines.filter((l) => l.startsWith('▶'))).toHaveLength(1);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('draws full and half bars exactly', () => {
    const lines = formatProbabilities([1, 0.5], 0).split('\n');
    expect(lines[0]).toBe(`▶ 0  ${'█'.repeat(24)} 100.0%`);
    expect(lines[1]).toBe(`  1  ${'█'.repeat(12)}${' '.repeat(12)}  50.0%`);
  });

  it('rejects an out-of-range prediction or a non-probability', () => {
    expect(() => formatProbabilities([0.5, 0.5], 2)).toThrow(ValueError);
    expect(() => formatProbabilities([0.5, Number.NaN], 0)).toThrow(/probs\[1\] = NaN/);
  });
});
