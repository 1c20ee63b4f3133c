import { ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { type MetricPoint, renderCurvesSvg } from './curves.js';
import { readPngHeader } from './png.js';
import { svgToPng } from './svg-to-png.js';

const TRAIN = '#2563eb';

/** The markup of one panel group (`loss` or `accuracy`). */
function panel(svg: string, id: string): string {
  const start = svg.indexOf(`<g id="${id}">`);
  expect(start).toBeGreaterThanOrEqual(0);
  return svg.slice(start, svg.indexOf('</g>\n</g>', start));
}

const paths = (markup: string, color: string): string[] =>
  [...markup.matchAll(/<path d="([^"]+)" stroke="([^"]+)"/g)].filter((m) => m[2] === color).map((m) => m[1]);

const tickLabels = (markup: string): string[] =>
  [...markup.matchAll(/<text [^>]*text-anchor="end" fill="#6b7280">([^<]+)<\/text>/g)].map((m) => m[1]).filter((t) => !t.startsWith('last'));

const epochs: MetricPoint[] = Array.from({ length: 10 }, (_, i) => ({
  epoch: i + 1,
  trainLoss: 0.3 / (i + 1),
  testLoss: 0.2 / Math.sqrt(i + 1),
  trainAcc: 1 - 0.08 / (i + 1),
  testAcc: 1 - 0.05 / Math.sqrt(i + 1),
  lr: 0.1,
}));

describe('renderCurvesSvg', () => {
  it('draws a self-contained two-panel chart with title, legend and axes', () => {
    const svg = renderCurvesSvg(epochs, { title: 'MNIST <mlp> & co' });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="900" height="380"/);
    expect(svg).toContain('font-family="sans-serif"');
    expect(svg).toContain('MNIST &lt;mlp&gt; &amp; co');
    expect(svg).not.toMatch(/<script|@import|xlink:href|href="http|NaN|Infinity/);
    for (const s of ['>lr 0.1<', '>train<', '>test<', '>epoch<', '>Loss<', '>Accuracy (%)<', 'last: train 0.0300']) expect(svg).toContain(s);
    expect(tickLabels(panel(svg, 'accuracy'))).toEqual(['92', '94', '96', '98', '100']);
    expect(tickLabels(panel(svg, 'loss'))).toEqual(['0.0', '0.1', '0.2', '0.3']);
    expect(paths(panel(svg, 'loss'), TRAIN)).toHaveLength(1);
    // Few points: a dot on each one of the four lines.
    expect(svg.match(/<circle /g)).toHaveLength(40);
    expect(readPngHeader(svgToPng(svg))).toMatchObject({ width: 900, height: 380 });
  });

  it('breaks a line at NaN but joins across missing values', () => {
    const points: MetricPoint[] = epochs.map((p, i) => ({
      ...p,
      trainLoss: i === 4 ? Number.NaN : p.trainLoss,
      testLoss: i % 2 === 0 ? undefined : p.testLoss,
    }));
    const loss = panel(renderCurvesSvg(points), 'loss');
    expect(paths(loss, TRAIN)).toHaveLength(2);
    expect(paths(loss, '#ea580c')).toHaveLength(1);
    expect(loss).not.toContain('NaN');
  });

  it('draws a single point as dots on a non-degenerate axis', () => {
    const svg = renderCurvesSvg([{ epoch: 1, trainLoss: 0.3, testAcc: 0.95 }]);
    expect(svg).not.toMatch(/<path|NaN|Infinity/);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('last: test 95.00%');
    expect(svg).toContain('last: train 0.300');
  });

  it('shows empty panels when there is nothing to plot', () => {
    const svg = renderCurvesSvg([{ epoch: 0 }]);
    expect(svg.match(/no data yet/g)).toHaveLength(2);
    expect(readPngHeader(svgToPng(svg))).toMatchObject({ width: 900 });
  });

  it('keeps thousands of step-level points compact and smooths them', () => {
    const points: MetricPoint[] = [];
    for (let s = 0; s <= 5000; s++) {
      points.push({ epoch: s / 500, trainLoss: (s < 20 ? 5 : 0.1) + 0.05 * Math.sin(s), trainAcc: 0.9 + 0.05 * Math.cos(s) });
      if (s % 500 === 0 && s > 0) points.push({ epoch: s / 500, testLoss: 0.1, testAcc: 0.97 });
    }
    const svg = renderCurvesSvg(points);
    expect(svg.length).toBeLessThan(200_000);
    const loss = panel(svg, 'loss');
    const [raw, smooth] = paths(loss, TRAIN);
    expect(raw.split('L').length).toBeLessThan(4 * 380);
    expect(smooth.split('L').length).toBeLessThan(4 * 380);
    expect(loss).toContain('stroke-opacity="0.25"');
    // The first 20 steps at loss 5 are outliers: the axis ends well below them…
    expect(Number(tickLabels(loss).at(-1))).toBeLessThan(1);
    // …unless asked to show everything.
    expect(Number(tickLabels(panel(renderCurvesSvg(points, { clipOutliers: false }), 'loss')).at(-1))).toBeGreaterThanOrEqual(5);
    expect(readPngHeader(svgToPng(svg, 1800))).toMatchObject({ width: 1800, height: 760 });
  });

  it('can put the loss on a log scale, dropping non-positive values', () => {
    const loss = panel(renderCurvesSvg([...epochs, { epoch: 11, trainLoss: 0 }], { logLoss: true }), 'loss');
    expect(loss).toContain('Loss (log scale)');
    expect(tickLabels(loss)).toEqual(['0.02', '0.05', '0.1', '0.2', '0.5']);
  });

  it('accepts points in any order', () => {
    const svg = renderCurvesSvg([...epochs].reverse());
    expect(svg).toBe(renderCurvesSvg(epochs));
  });

  it('rejects accuracies given as percentages, non-finite epochs and tiny sizes', () => {
    expect(() => renderCurvesSvg([{ epoch: 1, testAcc: 97.5 }])).toThrow(ValueError);
    expect(() => renderCurvesSvg([{ epoch: 1, testAcc: 97.5 }])).toThrow(/points\[0\]\.testAcc must be a fraction/);
    expect(() => renderCurvesSvg([{ epoch: Number.NaN, trainLoss: 1 }])).toThrow(/epoch must be finite/);
    expect(() => renderCurvesSvg(epochs, { width: 100 })).toThrow(/at least 400x200/);
  });
});
