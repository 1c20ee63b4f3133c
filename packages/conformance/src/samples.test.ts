import { describe, expect, it } from 'vitest';
import { DOMAINS, generatorFor, sampleValues } from './domains.js';
import { LAYOUTS, buildReference, crossInputs, layoutInput, layoutShape } from './samples.js';

describe('samples', () => {
  it('gives every layout the logical shape it promises', () => {
    for (const layout of LAYOUTS) {
      for (const shape of [[5], [3, 4], [2, 3, 4]]) {
        const spec = layoutInput(layout, shape, 'float32', DOMAINS.real, generatorFor('x'));
        expect(buildReference(spec).shape).toEqual(layoutShape(layout, shape));
      }
    }
  });

  it('makes non-contiguous views for the view layouts', () => {
    const g = generatorFor('views');
    expect(layoutInput('transposed', [3, 4], 'int32', DOMAINS.real, g).views).toEqual([{ permute: [1, 0] }]);
    expect(buildReference(layoutInput('strided', [3, 4], 'int32', DOMAINS.real, g)).offset).toBeGreaterThan(0);
    expect(buildReference(layoutInput('expanded', [3, 4], 'int32', DOMAINS.real, g)).strides).toContain(0);
  });

  it('draws reproducible values inside the domain', () => {
    const a = sampleValues(DOMAINS.positive, 'float32', 50, generatorFor('same'));
    expect(sampleValues(DOMAINS.positive, 'float32', 50, generatorFor('same'))).toEqual(a);
    expect(a.every((v) => v >= 0.1 && v <= 4)).toBe(true);
    const ints = sampleValues(DOMAINS.nonzero, 'int32', 200, generatorFor('ints'));
    expect(ints.every((v) => Number.isInteger(v) && v !== 0 && Math.abs(v) <= 6)).toBe(true);
    expect(new Set(sampleValues(DOMAINS.ties, 'float64', 100, generatorFor('t')))).toEqual(new Set([-1, -0.5, 0, 0.5, 1]));
  });

  it('crosses every value with every other by broadcasting', () => {
    const [a, b] = crossInputs([1, 2, 3], 'float64');
    expect([a.shape, b.shape]).toEqual([[3, 1], [1, 3]]);
  });
});
