import { describe, expect, it } from 'vitest';
import { decimate, type Segment, segments, smooth } from './polyline.js';

describe('segments', () => {
  const pts = [
    { epoch: 1, v: 1 as number | undefined },
    { epoch: 2, v: undefined },
    { epoch: 3, v: 2 },
    { epoch: 4, v: Number.NaN },
    { epoch: 5, v: 0 },
    { epoch: 6, v: 3 },
  ];

  it('skips undefined values and breaks at non-finite ones', () => {
    expect(segments(pts, (p) => p.v)).toEqual([
      [
        [1, 1],
        [3, 2],
      ],
      [
        [5, 0],
        [6, 3],
      ],
    ]);
  });

  it('also breaks at non-positive values for a log scale', () => {
    expect(segments(pts, (p) => p.v, true)).toEqual([
      [
        [1, 1],
        [3, 2],
      ],
      [[6, 3]],
    ]);
  });
});

describe('decimate', () => {
  it('keeps first, min, max and last of each pixel column, in order', () => {
    const run: Segment = [
      [0, 5],
      [0.1, 1],
      [0.2, 9],
      [0.3, 4],
      [0.4, 6],
      [3, 0],
    ];
    expect(decimate(run)).toEqual([
      [0, 5],
      [0.1, 1],
      [0.2, 9],
      [0.4, 6],
      [3, 0],
    ]);
  });

  it('bounds the output by the number of columns', () => {
    const run: Segment = Array.from({ length: 10_000 }, (_, i) => [i / 100, Math.sin(i)]);
    const out = decimate(run);
    expect(out.length).toBeLessThanOrEqual(4 * 101);
    expect(out[0]).toEqual(run[0]);
    expect(out.at(-1)).toEqual(run.at(-1));
  });
});

describe('smooth', () => {
  it('averages a centred window, narrower at the ends', () => {
    expect(
      smooth(
        [
          [0, 1],
          [1, 3],
          [2, 5],
        ],
        3,
      ),
    ).toEqual([
      [0, 2],
      [1, 3],
      [2, 4],
    ]);
  });

  it('flattens noise around a trend', () => {
    const run: Segment = Array.from({ length: 1000 }, (_, i) => [i, i % 2 === 0 ? 1 : -1]);
    const out = smooth(run, run.length);
    expect(Math.max(...out.slice(20, -20).map((p) => Math.abs(p[1])))).toBeLessThan(0.1);
  });
});
