import { ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { Adam, type AdamOptions } from './adam.js';
import { AdamW } from './adamw.js';
import { expectMatches, param, type Reference } from './test-utils/fixtures.js';

type RefState = { m: number[]; v: number[]; vmax: number[] };

/** Adam / AdamW in plain float64 JS, from PyTorch's algorithm (step t counted from 1). */
function referenceAdam(o: Partial<AdamOptions>, decoupled: boolean): Reference<RefState> {
  const { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, amsgrad = false, maximize = false } = o;
  const weightDecay = o.weightDecay ?? (decoupled ? 0.01 : 0);
  const [b1, b2] = betas;
  return {
    init: (n) => ({ m: new Array(n).fill(0), v: new Array(n).fill(0), vmax: new Array(n).fill(0) }),
    step(theta, grad, s, t) {
      const bc1 = 1 - b1 ** t;
      const bc2 = 1 - b2 ** t;
      for (let i = 0; i < theta.length; i++) {
        let g = maximize ? -grad[i] : grad[i];
        if (decoupled) theta[i] = theta[i] * (1 - lr * weightDecay);
        else g = g + weightDecay * theta[i];
        s.m[i] = b1 * s.m[i] + (1 - b1) * g;
        s.v[i] = b2 * s.v[i] + (1 - b2) * g * g;
        s.vmax[i] = Math.max(s.vmax[i], s.v[i]);
        const second = amsgrad ? s.vmax[i] : s.v[i];
        const denom = Math.sqrt(second) / Math.sqrt(bc2) + eps;
        theta[i] = theta[i] - (lr / bc1) * (s.m[i] / denom);
      }
    },
  };
}

describe('Adam', () => {
  const cases: [string, Partial<AdamOptions>][] = [
    ['defaults', {}],
    ['lr and betas', { lr: 0.05, betas: [0.8, 0.95] }],
    ['eps', { lr: 0.05, eps: 0.1 }],
    ['L2 weight decay', { lr: 0.05, weightDecay: 0.1 }],
    ['amsgrad', { lr: 0.05, betas: [0.5, 0.6], amsgrad: true }],
    ['maximize', { lr: 0.05, maximize: true }],
    ['maximize + weight decay + amsgrad', { lr: 0.05, weightDecay: 0.2, amsgrad: true, maximize: true }],
  ];
  for (const [name, options] of cases) {
    it(`matches the float64 reference over 6 steps: ${name}`, () => {
      expectMatches((params) => new Adam(params, options), referenceAdam(options, false));
    });
  }

  it('validates its options, naming the bad one', () => {
    const p = param([1]);
    expect(() => new Adam([p], { lr: -1 })).toThrow(ValueError);
    expect(() => new Adam([p], { betas: [1, 0.999] })).toThrow('Adam: invalid betas[0] 1 (must be a finite number >= 0 and < 1)');
    expect(() => new Adam([p], { betas: [0.9, -0.1] })).toThrow('invalid betas[1]');
    expect(() => new Adam([p], { betas: [0.9] as unknown as [number, number] })).toThrow('invalid betas');
    expect(() => new Adam([p], { eps: -1 })).toThrow('invalid eps');
    expect(() => new Adam([p], { weightDecay: -1 })).toThrow('invalid weightDecay');
    expect(() => new Adam([p], { amsgrad: 1 as unknown as boolean })).toThrow('invalid amsgrad 1 (must be true or false)');
    p.dispose();
  });
});

describe('AdamW', () => {
  const cases: [string, Partial<AdamOptions>][] = [
    ['defaults (decoupled weight decay 0.01)', {}],
    ['strong decoupled weight decay', { lr: 0.05, weightDecay: 0.5 }],
    ['no weight decay equals Adam', { lr: 0.05, weightDecay: 0 }],
    ['amsgrad + maximize', { lr: 0.05, weightDecay: 0.1, amsgrad: true, maximize: true, betas: [0.5, 0.6] }],
  ];
  for (const [name, options] of cases) {
    it(`matches the float64 reference over 6 steps: ${name}`, () => {
      expectMatches((params) => new AdamW(params, options), referenceAdam(options, true));
    });
  }

  it('defaults weightDecay to 0.01 and names itself in errors', () => {
    const p = param([1]);
    const opt = new AdamW([p]);
    expect(opt.paramGroups[0].weightDecay).toBe(0.01);
    expect(() => new AdamW([p], { lr: -1 })).toThrow('AdamW: invalid lr -1');
    p.dispose();
  });
});
