import { AutogradError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { tensor } from './ops/creation.js';

describe('tensor without @nnkit/autograd', () => {
  it('works for inference and says which package backward() needs', () => {
    const x = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
    const y = x.mul(2).sum();
    expect(y.itemSync()).toBe(6);
    expect(y.gradFn).toBeNull();
    expect(() => y.backward()).toThrow(AutogradError);
    expect(() => y.backward()).toThrow(/@nnkit\/autograd/);
  });

  it('only lets float tensors require grad', () => {
    expect(() => tensor([1, 2], { requiresGrad: true })).toThrow(/only float tensors can require gradients, got int32/);
  });
});
