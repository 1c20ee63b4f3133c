import { ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { RMSprop, type RMSpropOptions } from './rmsprop.js';
import { expectMatches, param, type Reference } from './test-utils/fixtures.js';

type RefState = { v: number[]; gAvg: number[]; buf: number[] };

/** RMSprop in plain float64 JS, from PyTorch's algorithm (buffers start at 0). */
function referenceRmsprop(o: Partial<RMSpropOptions>): Reference<RefState> {
  const { lr = 1e-2, alpha = 0.99, eps = 1e-8, weightDecay = 0, momentum = 0, centered = false, maximize = false } = o;
  return {
    init: (n) => ({ v: new Array(n).fill(0), gAvg: new Array(n).fill(0), buf: new Array(n).fill(0) }),
    step(theta, grad, s) {
      for (let i = 0; i < theta.length; i++) {
        let g = maximize ? -grad[i] : grad[i];
        g = g + weightDecay * theta[i];
        s.v[i] = alpha * s.v[i] + (1 - alpha) * g * g;
        let denom: number;
        if (centered) {
          s.gAvg[i] = alpha * s.gAvg[i] + (1 - alpha) * g;
          denom = Math.sqrt(s.v[i] - s.gAvg[i] * s.gAvg[i]) + eps;
        } else {
          denom = Math.sqrt(s.v[i]) + eps;
        }
        if (momentum > 0) {
          s.buf[i] = momentum * s.buf[i] + g / denom;
          theta[i] = theta[i] - lr * s.buf[i];
        } else {
          theta[i] = theta[i] - lr * (g / denom);
        }
      }
    },
  };
}

describe('RMSprop', () => {
  const cases: [string, Partial<RMSpropOptions>][] = [
    ['defaults', {}],
    ['alpha and eps', { lr: 0.03, alpha: 0.9, eps: 1e-3 }],
    ['weight decay', { lr: 0.03, weightDecay: 0.1 }],
    ['momentum', { lr: 0.03, momentum: 0.9 }],
    ['centered', { lr: 0.03, alpha: 0.9, centered: true }],
    ['centered + momentum', { lr: 0.03, alpha: 0.9, centered: true, momentum: 0.5 }],
    ['maximize', { lr: 0.03, maximize: true, momentum: 0.3 }],
  ];
  for (const [name, options] of cases) {
    it(`matches the float64 reference over 6 steps: ${name}`, () => {
      expectMatches((params) => new RMSprop(params, options), referenceRmsprop(options));
    });
  }

  it('validates its options, naming the bad one', () => {
    const p = param([1]);
    expect(() => new RMSprop([p], { lr: -1 })).toThrow(ValueError);
    for (const name of ['alpha', 'eps', 'weightDecay', 'momentum'] as const) {
      expect(() => new RMSprop([p], { [name]: -1 })).toThrow(`RMSprop: invalid ${name} -1`);
    }
    expect(() => new RMSprop([p], { centered: 'yes' as unknown as boolean })).toThrow('invalid centered');
    p.dispose();
  });
});
