import { ValueError } from '@nnkit/core';
import { createCpuBackend } from '@nnkit/backend-cpu';
import { memory, tensor, type Tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { clipGradNorm, clipGradValue } from './clip-grad.js';
import { expectClose, param, read, setGrad } from './test-utils/fixtures.js';

function withGrads(grads: number[][]): Tensor[] {
  return grads.map((g) => {
    const p = param(g.map(() => 0));
    setGrad(p, g);
    return p;
  });
}

function free(params: Tensor[]): void {
  for (const p of params) {
    p.grad?.dispose();
    p.dispose();
  }
}

describe('clipGradNorm', () => {
  it('returns the total 2-norm before clipping and scales by maxNorm / (total + 1e-6)', () => {
    const params = withGrads([[3, 0], [0, 4, 12]]); // total √(9 + 16 + 144) = 13
    const grad0 = params[0].grad;
    const total = clipGradNorm(params, 1.3);
    expect(total.shape).toEqual([]);
    expectClose([total.itemSync()], [13], 1e-15); // the norm of the per-gradient norms, as PyTorch
    const coef = 1.3 / (total.itemSync() + 1e-6);
    expectClose(read(params[0].grad as Tensor), [3 * coef, 0], 1e-15);
    expectClose(read(params[1].grad as Tensor), [0, 4 * coef, 12 * coef], 1e-15);
    expect(params[0].grad).toBe(grad0); // scaled in place: the same gradient tensor
    total.dispose();
    free(params);
  });

  it('leaves gradients alone when the total is within maxNorm', () => {
    const params = withGrads([[3, 4]]);
    const total = clipGradNorm(params, 10);
    expect(total.itemSync()).toBe(5);
    expect(read(params[0].grad as Tensor)).toEqual([3, 4]);
    total.dispose();
    free(params);
  });

  it('supports the infinity norm and other orders', () => {
    const inf = withGrads([[1, -7], [3]]);
    const tInf = clipGradNorm(inf, 3.5, Infinity);
    expect(tInf.itemSync()).toBe(7);
    expectClose(read(inf[0].grad as Tensor), [3.5 / (7 + 1e-6), (-7 * 3.5) / (7 + 1e-6)], 1e-15);
    const one = withGrads([[1, -2], [3]]);
    const t1 = clipGradNorm(one, 100, 1);
    expect(t1.itemSync()).toBe(6);
    const three = withGrads([[1, -2], [3]]);
    const t3 = clipGradNorm(three, 100, 3);
    expectClose([t3.itemSync()], [Math.cbrt(1 + 8 + 27)], 1e-14);
    for (const t of [tInf, t1, t3]) t.dispose();
    free([...inf, ...one, ...three]);
  });

  it('skips parameters without gradients, and returns 0 when none has one', () => {
    const params = withGrads([[3, 4]]);
    const bare = param([1, 2]);
    const total = clipGradNorm([...params, bare], 1);
    expect(total.itemSync()).toBe(5);
    expect(bare.grad).toBeNull();
    const zero = clipGradNorm([bare], 1);
    expect(zero.itemSync()).toBe(0);
    for (const t of [total, zero, bare]) t.dispose();
    free(params);
  });

  it('works across backends and leaks nothing', () => {
    const other = createCpuBackend({ name: 'cpu-clip' });
    const a = param([0, 0]);
    const b = tensor([0], { dtype: 'float64', backend: other, requiresGrad: true });
    setGrad(a, [3, 0]);
    b.grad = tensor([4], { dtype: 'float64', backend: other });
    const before = memory().tensors;
    const total = clipGradNorm([a, b], 2.5);
    expect(memory().tensors).toBe(before + 1);
    expect(total.itemSync()).toBe(5);
    expectClose(read(b.grad), [(4 * 2.5) / (5 + 1e-6)], 1e-15);
    expect(b.grad.backend).toBe(other);
    total.dispose();
    free([a, b]);
    other.dispose();
  });

  it('validates its arguments and can refuse a non-finite norm', () => {
    const params = withGrads([[NaN, 1]]);
    expect(() => clipGradNorm(params, -1)).toThrow(new ValueError('clipGradNorm: invalid maxNorm -1 (must be a number >= 0)'));
    expect(() => clipGradNorm(params, 1, 0)).toThrow('clipGradNorm: invalid normType 0');
    expect(() => clipGradNorm(params, 1, 2, { errorIfNonfinite: true })).toThrow('the total norm of order 2 of the gradients is NaN');
    const total = clipGradNorm(params, 1); // scales anyway, as PyTorch
    expect(Number.isNaN(total.itemSync())).toBe(true);
    total.dispose();
    free(params);
  });
});

describe('clipGradValue', () => {
  it('clamps every gradient to [−clipValue, clipValue] in place', () => {
    const params = withGrads([[-3, 0.5, 2], [0.1, -0.2]]);
    const grad0 = params[0].grad;
    const bare = param([1]);
    const before = memory().tensors;
    clipGradValue([...params, bare], 1);
    expect(memory().tensors).toBe(before);
    expect(read(params[0].grad as Tensor)).toEqual([-1, 0.5, 1]);
    expect(read(params[1].grad as Tensor)).toEqual([0.1, -0.2]);
    expect(params[0].grad).toBe(grad0);
    expect(() => clipGradValue(params, -1)).toThrow('clipGradValue: invalid clipValue -1');
    free([...params, bare]);
  });
});
