import { describe, expect, it } from 'vitest';
import { lossChartSvg, smooth, ticks } from './loss-chart.js';

describe('ticks', () => {
  it('gives round steps (1, 2 or 5 × 10ⁿ) from 0 up to the maximum', () => {
    expect(ticks(2.55)).toEqual([0, 1, 2]);
    expect(ticks(2.55, 10)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(ticks(0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(ticks(157, 6)).toEqual([0, 50, 100, 150]);
    expect(ticks(0)).toEqual([0]);
    expect(ticks(Number.NaN)).toEqual([0]);
  });
});

describe('smooth', () => {
  it('starts at the first value and follows with the given weight', () => {
    expect(smooth([2, 1, 1], 0.5)).toEqual([2, 1.5, 1.25]);
    expect(smooth([])).toEqual([]);
  });

  it('uses a weight that keeps the lag at about 1/20 of the run', () => {
    expect(smooth([3, 1])).toEqual([3, 1]);
    const long = smooth(Array.from({ length: 200 }, (_, i) => (i < 100 ? 2 : 1)));
    expect(long[99]).toBe(2);
    expect(long[100]).toBeCloseTo(1.9, 10);
  });
});

describe('lossChartSvg', () => {
  it('draws a raw and a smoothed line per series, with a legend', () => {
    const svg = lossChartSvg([
      { label: 'cpu', color: '#2563eb', losses: [2.3, 1.5, 0.9] },
      { label: 'gpu:webgl2', color: '#ea580c', losses: [2.3, 1.4], dashed: true },
    ], { steps: 10 });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(4);
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(2);
    expect(svg).toContain('>cpu</text>');
    expect(svg).toContain('>gpu:webgl2</text>');
  });

  it('puts step k at k/steps of the width and skips non-finite losses', () => {
    const svg = lossChartSvg([{ label: 'a', color: 'red', losses: [1, Number.NaN, 1] }], { steps: 4, width: 460, height: 200 });
    // Plot spans x 44…444: step 1 at 144, step 3 at 344; the NaN step has no point.
    const raw = /points="([^"]*)"/.exec(svg)?.[1].split(' ');
    expect(raw?.map((p) => p.split(',')[0])).toEqual(['144.0', '344.0']);
  });

  it('escapes labels', () => {
    expect(lossChartSvg([{ label: '<b>&', color: 'red', losses: [] }])).toContain('&lt;b&gt;&amp;');
  });
});
