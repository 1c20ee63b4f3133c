import { ValueError, type Backend, type DType } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import { describeBackend } from '../describe-backend.js';
import { buildReference } from '../samples.js';
import { SECTIONS } from './index.js';

/** A backend that only declares capabilities: enough to enumerate cases without running them. */
function declaring(dtypes: DType[], fastPaths: ('linear' | 'softmaxCrossEntropy')[] = []): Backend {
  return { name: 'fake', capabilities: { dtypes, fastPaths, syncRead: true, tolerance: { rtol: 1.3e-6, atol: 1e-5 }, device: 'cpu' } } as unknown as Backend;
}

function enumerate(backend: Backend) {
  const ctx = createContext(backend);
  return SECTIONS.map((s) => ({ name: s.name, values: s.valueCases?.(ctx) ?? [], checks: s.checks?.(ctx) ?? [] }));
}

describe('sections', () => {
  const all = enumerate(declaring(['float32', 'float64', 'int32', 'bool'], ['linear', 'softmaxCrossEntropy']));

  it('generate thousands of cases with unique titles per section', () => {
    let total = 0;
    for (const s of all) {
      const titles = [...s.values.map((c) => c.name), ...s.checks.map((c) => c.name)];
      expect(new Set(titles).size, s.name).toBe(titles.length);
      expect(titles.length, s.name).toBeGreaterThan(0);
      total += titles.length;
    }
    expect(total).toBeGreaterThan(3000);
  });

  it('have an oracle that answers every case without a backend', () => {
    for (const s of all) {
      for (const c of s.values) expect(() => c.expected(c.inputs.map(buildReference)), c.name).not.toThrow();
    }
  });

  it('only use declared dtypes, and test refusal of the others', () => {
    const f32 = enumerate(declaring(['float32', 'int32', 'bool']));
    for (const s of f32) for (const c of s.values) for (const i of c.inputs) expect(i.dtype, c.name).not.toBe('float64');
    const names = f32.flatMap((s) => s.checks.map((c) => c.name));
    expect(names).toContain('undeclared float64 · tensor throws DTypeError');
    expect(names.some((n) => n.startsWith('undeclared float32'))).toBe(false);
  });

  it('skip fused cases unless the backend declares the fast path', () => {
    const plain = enumerate(declaring(['float32', 'int32', 'bool']));
    expect(plain.find((s) => s.name === 'fast paths')?.values).toHaveLength(0);
    expect(all.find((s) => s.name === 'fast paths')?.values.length).toBeGreaterThan(10);
  });

  it('describeBackend refuses unknown section names', () => {
    expect(() => describeBackend('x', () => declaring(['float32']), { sections: ['nope'] })).toThrow(ValueError);
  });
});
