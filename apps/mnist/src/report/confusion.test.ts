import { ShapeError, ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { confusionMatrix, formatConfusion } from './confusion.js';

describe('confusionMatrix', () => {
  it('counts (true, predicted) pairs', () => {
    expect(confusionMatrix([0, 1, 1, 2], Int32Array.from([0, 1, 0, 2]), 3)).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
    expect(confusionMatrix([], [])).toEqual(Array.from({ length: 10 }, () => new Array(10).fill(0)));
  });

  it('rejects mismatched lengths and out-of-range classes', () => {
    expect(() => confusionMatrix([1, 2], [1])).toThrow(ShapeError);
    expect(() => confusionMatrix([1, 10], [1, 1])).toThrow(/labels\[1\] = 10 is not a class in \[0, 10\)/);
    expect(() => confusionMatrix([1], [0.5], 3)).toThrow(/preds\[0\] = 0.5/);
    expect(() => confusionMatrix([], [], 0)).toThrow(ValueError);
  });
});

describe('formatConfusion', () => {
  const m = [
    [8, 2, 0],
    [1, 9, 0],
    [0, 0, 0],
  ];

  it('prints counts, totals, recall, precision and accuracy', () => {
    const lines = formatConfusion(m, ['cat', 'dog', 'eel']).split('\n');
    expect(lines[0]).toMatch(/^ *true\\pred +cat +dog +eel │ +total +recall%$/);
    expect(lines[1]).toMatch(/^ +cat +8 +2 +· │ +10 +80\.0$/);
    expect(lines[2]).toMatch(/^ +dog +1 +9 +· │ +10 +90\.0$/);
    // An empty class has no recall and no precision.
    expect(lines[3]).toMatch(/^ +eel +· +· +· │ +0 +-$/);
    expect(lines[5]).toMatch(/^precision% +88\.9 +81\.8 +- │$/);
    expect(lines[6]).toBe('accuracy 85.00% (17 / 20 correct)');
  });

  it('aligns every row of a 10-class table to the same width', () => {
    const labels = Array.from({ length: 10000 }, (_, i) => i % 10);
    const preds = labels.map((t, i) => (i % 97 === 0 ? (t + 1) % 10 : t));
    const lines = formatConfusion(confusionMatrix(labels, preds)).split('\n');
    expect(lines).toHaveLength(14);
    // Header, ten rows and the rule share one width; the divider sits in one column throughout.
    expect(new Set(lines.slice(0, 12).map((l) => l.length)).size).toBe(1);
    expect(new Set(lines.slice(0, 13).map((l) => Math.max(l.indexOf('│'), l.indexOf('┼')))).size).toBe(1);
    expect(lines[1]).toMatch(/^ +0 +989 +11 +(· +){8}│ +1000 +98\.9$/);
    expect(lines[13]).toBe('accuracy 98.96% (9896 / 10000 correct)');
  });

  it('rejects non-square matrices, bad counts and wrong class-name counts', () => {
    expect(() => formatConfusion([])).toThrow(ShapeError);
    expect(() => formatConfusion([[1, 2], [3]])).toThrow(/row 1 has 1 entries, not 2/);
    expect(() => formatConfusion([[1, -1], [0, 1]])).toThrow(ValueError);
    expect(() => formatConfusion([[1]], ['a', 'b'])).toThrow(/2 class names for a 1x1 matrix/);
  });
});
