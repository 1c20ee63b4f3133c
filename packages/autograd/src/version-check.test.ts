import { AutogradError } from '@nnkit/core';
import { fusedSgdStep_, linear, tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';

const sgd = { lr: 0.1, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, first: false };

/** A leaf weight, an input, and `sum(x·wᵀ)` recorded through them. */
function forward() {
  const w = tensor([[1, 2], [3, 4]], { dtype: 'float32', requiresGrad: true });
  const x = tensor([[1, -1]], { dtype: 'float32', requiresGrad: true });
  return { w, x, loss: linear(x, w).sum() };
}

describe('saved tensors changed before backward', () => {
  it('throws, naming the op and the input, when a saved parameter was written by copy_', () => {
    const { w, loss } = forward();
    w.copy_(tensor([[0, 0], [0, 0]], { dtype: 'float32' }));
    expect(() => loss.backward()).toThrow(AutogradError);
    expect(() => forward().loss.backward()).not.toThrow();
  });

  it('names the op and says what to do', () => {
    const { w, loss } = forward();
    w.copy_(tensor([[0, 0], [0, 0]], { dtype: 'float32' }));
    expect(() => loss.backward()).toThrow(/Linear.*input 1 \(shape \[2,2\]\) was changed in place.*run backward\(\) before/);
  });

  it('throws when an optimizer step ran between forward and backward (fused or set_)', () => {
    const fused = forward();
    fused.w.grad = tensor([[1, 1], [1, 1]], { dtype: 'float32' });
    expect(fusedSgdStep_(fused.w, fused.w.grad, null, sgd)).toBe(true);
    expect(() => fused.loss.backward()).toThrow(AutogradError);

    const rebound = forward();
    rebound.w.set_(tensor([[5, 6], [7, 8]], { dtype: 'float32' }));
    expect(() => rebound.loss.backward()).toThrow(AutogradError);
  });

  it('allows changes after backward, and changes to tensors that were not saved', () => {
    const { w, x, loss } = forward();
    const other = tensor([1, 2], { dtype: 'float32' });
    other.copy_(tensor([3, 4], { dtype: 'float32' }));
    loss.backward();
    w.copy_(tensor([[0, 0], [0, 0]], { dtype: 'float32' }));
    expect(Array.from(x.grad!.dataSync())).toEqual([4, 6]);
  });
});
