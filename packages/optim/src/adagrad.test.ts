import { ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { Adagrad, type AdagradOptions } from './adagrad.js';
import { expectMatches, param, type Reference } from './test-utils/fixtures.js';

/** Adagrad in plain float64 JS, from PyTorch's algorithm: clr = lr / (1 + (t − 1)·lrDecay). */
function referenceAdagrad(o: Partial<AdagradOptions>): Reference<{ sum: number[] }> {
  const { lr = 1e-2, lrDecay = 0, weightDecay = 0, initialAccumulatorValue = 0, eps = 1e-10, maximize = false } = o;
  return {
    init: (n) => ({ sum: new Array(n).fill(initialAccumulatorValue) }),
    step(theta, grad, s, t) {
      const clr = lr / (1 + (t - 1) * lrDecay);
      for (let i = 0; i < theta.length; i++) {
        let g = maximize ? -grad[i] : grad[i];
        g = g + weightDecay * theta[i];
        s.sum[i] = s.sum[i] + g * g;
        theta[i] = theta[i] - clr * (g / (Math.sqrt(s.sum[i]) + eps));
      }
    },
  };
}

describe('Adagrad', () => {
  const cases: [string, Partial<AdagradOptions>][] = [
    ['defaults', {}],
    ['lr decay', { lr: 0.1, lrDecay: 0.5 }],
    ['weight decay', { lr: 0.1, weightDecay: 0.2 }],
    ['initial accumulator value', { lr: 0.1, initialAccumulatorValue: 0.7 }],
    ['eps', { lr: 0.1, eps: 0.05 }],
    ['maximize + everything', { lr: 0.1, lrDecay: 0.1, weightDecay: 0.1, initialAccumulatorValue: 0.2, maximize: true }],
  ];
  for (const [name, options] of cases) {
    it(`matches the float64 reference over 6 steps: ${name}`, () => {
      expectMatches((params) => new Adagrad(params, options), referenceAdagrad(options));
    });
  }

  it('validates its options, naming the bad one', () => {
    const p = param([1]);
    expect(() => new Adagrad([p], { lr: -1 })).toThrow(ValueError);
    for (const name of ['lrDecay', 'weightDecay', 'initialAccumulatorValue', 'eps'] as const) {
      expect(() => new Adagrad([p], { [name]: -1 })).toThrow(`Adagrad: invalid ${name} -1`);
    }
    p.dispose();
  });
});
