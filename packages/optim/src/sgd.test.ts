import { ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { SGD, type SGDOptions } from './sgd.js';
import { expectMatches, param, type Reference } from './test-utils/fixtures.js';

/** SGD in plain float64 JS, line by line from PyTorch's algorithm (maximize negates g first). */
function referenceSgd(o: Partial<SGDOptions>): Reference<{ buf: number[] | null }> {
  const { lr = 1e-3, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false, maximize = false } = o;
  return {
    init: () => ({ buf: null }),
    step(theta, grad, state) {
      const g = grad.map((gi, i) => (maximize ? -gi : gi) + weightDecay * theta[i]);
      if (momentum !== 0) {
        const first = state.buf === null;
        const buf = (state.buf ??= [...g]);
        for (let i = 0; i < g.length; i++) {
          if (!first) buf[i] = momentum * buf[i] + (1 - dampening) * g[i];
          g[i] = nesterov ? g[i] + momentum * buf[i] : buf[i];
        }
      }
      for (let i = 0; i < theta.length; i++) theta[i] = theta[i] - lr * g[i];
    },
  };
}

describe('SGD', () => {
  const cases: [string, Partial<SGDOptions>][] = [
    ['plain', { lr: 0.1 }],
    ['weight decay', { lr: 0.1, weightDecay: 0.05 }],
    ['momentum (buffer starts at the first gradient)', { lr: 0.1, momentum: 0.9 }],
    ['momentum with dampening', { lr: 0.05, momentum: 0.8, dampening: 0.3 }],
    ['nesterov', { lr: 0.05, momentum: 0.9, nesterov: true }],
    ['maximize', { lr: 0.1, maximize: true }],
    ['maximize + weight decay + momentum', { lr: 0.1, momentum: 0.5, weightDecay: 0.1, maximize: true }],
    ['default lr', {}],
  ];
  for (const [name, options] of cases) {
    it(`matches the float64 reference over 6 steps: ${name}`, () => {
      expectMatches((params) => new SGD(params, options), referenceSgd(options));
    });
  }

  it('validates its options, naming the bad one', () => {
    const p = param([1]);
    expect(() => new SGD([p], { lr: -0.1 })).toThrow(ValueError);
    expect(() => new SGD([p], { lr: -0.1 })).toThrow('SGD: invalid lr -0.1 (must be a finite number >= 0)');
    expect(() => new SGD([p], { momentum: -1 })).toThrow('invalid momentum');
    expect(() => new SGD([p], { weightDecay: -1 })).toThrow('invalid weightDecay');
    expect(() => new SGD([p], { lr: NaN })).toThrow('invalid lr NaN');
    expect(() => new SGD([p], { nesterov: true })).toThrow('nesterov needs momentum > 0 and dampening 0');
    expect(() => new SGD([p], { nesterov: true, momentum: 0.9, dampening: 0.1 })).toThrow('nesterov needs');
    expect(() => new SGD([p], { lr: 0.1, weightdecay: 1 } as Partial<SGDOptions>)).toThrow("SGD: unknown option 'weightdecay'");
    p.dispose();
  });
});
