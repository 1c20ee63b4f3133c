import { AutogradError, ShapeError } from '@nnkit/core';
import { memory, tensor, tidy, zeros } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { grad } from './grad.js';
import { noGrad } from './grad-mode.js';

const f64 = (v: number | number[] | number[][], requiresGrad = true) => tensor(v, { dtype: 'float64', requiresGrad });
const vals = async (t: { data(): Promise<ArrayLike<number>> } | null) => Array.from(await t!.data());

describe('backward', () => {
  it('records the graph and fills leaf gradients like PyTorch', async () => {
    const x = f64([1, 2, 3]);
    const w = f64([4, 5, 6]);
    const y = x.mul(w).sum();
    expect(x.isLeaf).toBe(true);
    expect(y.isLeaf).toBe(false);
    expect(y.requiresGrad).toBe(true);
    expect(y.gradFn?.name).toBe('SumBackward');
    y.backward();
    expect(await vals(x.grad)).toEqual([4, 5, 6]);
    expect(await vals(w.grad)).toEqual([1, 2, 3]);
  });

  it('accumulates into .grad until zeroed', async () => {
    const x = f64([1, 2]);
    x.mul(3).sum().backward();
    x.mul(3).sum().backward();
    expect(await vals(x.grad)).toEqual([6, 6]);
  });

  it('takes an explicit gradient for non-scalar outputs and refuses to guess one', async () => {
    const x = f64([1, 2]);
    const y = x.mul(x);
    expect(() => y.backward()).toThrow(AutogradError);
    expect(() => y.backward(zeros([3], { dtype: 'float64' }))).toThrow(ShapeError);
    y.backward(tensor([1, 10], { dtype: 'float64' }));
    expect(await vals(x.grad)).toEqual([2, 40]);
  });

  it('frees the graph after backward unless retainGraph is set', async () => {
    const x = f64([1, 2]);
    const y = x.exp().sum();
    y.backward();
    expect(() => y.backward()).toThrow(/second time/);
    const z = x.exp().sum();
    z.backward({ retainGraph: true });
    z.backward();
    expect((await vals(x.grad))[0]).toBeCloseTo(Math.E * 3, 12);
  });

  it('reduces gradients of broadcast operands to their shapes', async () => {
    const a = f64([[1], [2]]);
    const b = f64([10, 20, 30]);
    a.add(b).mul(b).sum().backward();
    expect(a.grad!.shape).toEqual([2, 1]);
    expect(await vals(a.grad)).toEqual([60, 60]);
    expect(await vals(b.grad)).toEqual([2 * 10 * 2 + 3, 2 * 20 * 2 + 3, 2 * 30 * 2 + 3]);
  });

  it('gives exact gradients through views', async () => {
    const x = f64([[1, 2, 3], [4, 5, 6]]);
    const y = x.T.slice([[0, 3, 2]]).reshape(-1).mul(tensor([1, 2, 3, 4], { dtype: 'float64' })).sum();
    y.backward();
    expect(await x.grad!.toArray()).toEqual([[1, 0, 3], [2, 0, 4]]);
  });

  it('says what to do when nothing requires grad', () => {
    expect(() => f64([1], false).mul(2).sum().backward()).toThrow(/does not require grad/);
    const x = f64([1]);
    expect(() => noGrad(() => x.mul(2).sum()).backward()).toThrow(/does not require grad/);
  });

  it('computes higher derivatives with createGraph: d²/dx² x³ = 6x', async () => {
    const x = f64(2);
    const [dy] = grad(x.pow(3), x, { createGraph: true });
    expect(await dy!.item()).toBeCloseTo(12, 12);
    const [d2y] = grad(dy!, x, { createGraph: true });
    expect(await d2y!.item()).toBeCloseTo(12, 12);
    const [d3y] = grad(d2y!, x);
    expect(await d3y!.item()).toBeCloseTo(6, 12);
    expect(x.grad).toBeNull();
  });

  it('grad() names unused inputs unless allowUnused', () => {
    const x = f64([1]);
    const y = f64([2]);
    expect(() => grad(x.mul(2).sum(), [x, y])).toThrow(/input 1 was not used/);
    expect(grad(x.mul(2).sum(), [x, y], { allowUnused: true })[1]).toBeNull();
  });

  it('noGrad works for sync and async functions; detach cuts the graph', async () => {
    const x = f64([1]);
    expect(noGrad(() => x.mul(2)).requiresGrad).toBe(false);
    const y = await noGrad(async () => {
      await Promise.resolve();
      return x.mul(2);
    });
    expect(y.requiresGrad).toBe(false);
    expect(x.mul(2).requiresGrad).toBe(true);
    const d = x.mul(2).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.isLeaf).toBe(true);
  });

  it('runs hooks on leaf and intermediate gradients', async () => {
    const x = f64([1, 2]);
    const seen: number[][] = [];
    x.registerHook((g) => g.mul(10));
    const h = x.mul(3);
    const remove = h.registerHook((g) => {
      seen.push(Array.from(g.dataSync()));
    });
    h.sum().backward();
    expect(seen).toEqual([[1, 1]]);
    expect(await vals(x.grad)).toEqual([30, 30]);
    remove();
    expect(() => f64([1], false).registerHook(() => undefined)).toThrow(/doesn't require grad/);
  });

  it('frees everything a step made: the live count is flat over many steps', () => {
    const w = tensor([[0.5, -0.2], [0.1, 0.3]], { dtype: 'float32', requiresGrad: true });
    const x = tensor([[1, 2], [3, 4]], { dtype: 'float32' });
    const step = () => {
      tidy(() => x.matmul(w).relu().square().mean()).backward();
    };
    step();
    w.grad?.dispose();
    w.grad = null;
    const before = memory();
    for (let i = 0; i < 50; i++) {
      const loss = tidy(() => x.matmul(w).relu().square().mean());
      loss.backward();
      loss.dispose();
      w.grad!.dispose();
      w.grad = null;
    }
    expect(memory().tensors).toBe(before.tensors);
    expect(memory().buffers).toBe(before.buffers);
    void step;
  });

  it('frees an abandoned graph when its output is disposed', () => {
    const w = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
    const before = memory();
    const loss = tidy(() => w.mul(w).exp().sum());
    expect(memory().tensors).toBeGreaterThan(before.tensors);
    loss.dispose();
    expect(memory().tensors).toBe(before.tensors);
    expect(memory().buffers).toBe(before.buffers);
  });
});
