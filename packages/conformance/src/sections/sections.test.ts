import { ValueError, type Backend, type DType } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import { describeBackend, makeReference } from '../describe-backend.js';
import { buildReference } from '../samples.js';
import { SECTIONS } from './index.js';

/** A backend that only declares capabilities: enough to enumerate cases without running them. */
function declaring(dtypes: DType[], fastPaths: ('linear' | 'softmaxCrossEntropy')[] = [], extra: object = {}): Backend {
  return { name: 'fake', capabilities: { dtypes, fastPaths, syncRead: true, tolerance: { rtol: 1.3e-6, atol: 1e-5 }, device: 'cpu', ...extra } } as unknown as Backend;
}

function enumerate(backend: Backend, reference: Backend | null = null) {
  const ctx = createContext(backend, undefined, reference);
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
    // Gradient oracles are a float64 backend's own gradients: backend-cpu's run checks them.
    for (const s of all.filter((x) => x.name !== 'gradients')) {
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

  it('check gradients with gradcheck where float64 is declared, else against the reference', () => {
    const grads = (e: ReturnType<typeof enumerate>) => e.find((s) => s.name === 'gradients');
    const own = grads(all);
    expect(own?.checks.filter((c) => c.name.startsWith('gradcheck ')).length).toBeGreaterThan(200);
    expect(own?.values.every((c) => c.dtype === 'float32' && c.name.startsWith('∂ '))).toBe(true);
    const f32 = declaring(['float32', 'int32', 'bool'], ['linear', 'softmaxCrossEntropy'], { syncRead: false });
    const withRef = grads(enumerate(f32, declaring(['float32', 'float64', 'int32', 'bool'])));
    expect(withRef?.values.length).toBe(own?.values.length);
    expect(withRef?.checks.some((c) => c.name.startsWith('gradcheck '))).toBe(false);
    expect(withRef?.checks.some((c) => c.name.startsWith('∂ fused linear'))).toBe(true);
    const noRef = grads(enumerate(f32));
    expect(noRef?.values).toHaveLength(0);
    expect(noRef?.checks.map((c) => c.name)).toEqual(['gradients need a float64 reference backend']);
  });

  it('cover views, broadcasting, every reduction and the training step in the gradient cases', () => {
    const names = all.find((s) => s.name === 'gradients')?.values.map((c) => c.name) ?? [];
    for (const part of ['∂ exp · float32 · strided', '∂ mul · float32 · broadcast [3,1] · [4]', '∂ logsumexp · float32 · expanded · axis 1',
      '∂ matmul · float32 · batch broadcast', '∂ softmaxCrossEntropy · float32 · transposed logits', '∂ slice · float32 · slice [1::2]',
      '∂ scatterAdd', '∂ concat', '∂ split', '∂ where', '∂ clamp', '∂ norm(Infinity)', '∂ training step']) {
      expect(names.some((n) => n.startsWith(part)), part).toBe(true);
    }
  });

  it('respect declared limits instead of failing, and name them', async () => {
    const limited = enumerate(declaring(['float32', 'int32', 'bool'], [], { limits: { int32Range: 2 ** 24, indexBoundsChecked: false }, syncRead: false }), declaring(['float64']));
    const values = limited.flatMap((s) => s.values);
    const checks = limited.flatMap((s) => s.checks.map((c) => c.name));
    expect(values.some((c) => c.name === 'add · int32 · int32 limits within the declared ±16777216 (all pairs)')).toBe(true);
    expect(values.some((c) => c.inputs.some((i) => i.dtype === 'int32' && i.values.some((v) => Math.abs(v) > 2 ** 24)))).toBe(false);
    expect(values.some((c) => c.name === 'gather of index 7 from a dim of size 4')).toBe(false);
    expect(checks).toContain('gather of index 7 from a dim of size 4: not checked (the backend declares limits.indexBoundsChecked false)');
    expect(checks).toContain('oneHot of label -1: not checked (no syncRead: tensor cannot read the values to check them)');
    expect(checks).toContain('int32 beyond the declared ±16777216 · tensor([0, 16777217]) throws ValueError');
    expect(all.flatMap((s) => s.checks.map((c) => c.name)).some((n) => n.includes('not checked'))).toBe(false);
  });

  it('describeBackend needs a float64 reference for the gradients of a float32-only backend', async () => {
    const f32 = declaring(['float32']);
    const grads = SECTIONS.filter((s) => s.name === 'gradients');
    await expect(makeReference('f32', f32, {}, grads)).rejects.toThrow(ValueError);
    await expect(makeReference('f32', f32, {}, [])).resolves.toBeNull();
    await expect(makeReference('f64', declaring(['float32', 'float64']), {}, grads)).resolves.toBeNull();
    await expect(makeReference('f32', f32, { reference: () => f32 }, grads)).rejects.toThrow('must declare float64 and syncRead');
    const ref = declaring(['float64']);
    await expect(makeReference('f32', f32, { reference: () => ref }, grads)).resolves.toBe(ref);
  });

  it('describeBackend refuses unknown section names', () => {
    expect(() => describeBackend('x', () => declaring(['float32']), { sections: ['nope'] })).toThrow(ValueError);
  });
});
