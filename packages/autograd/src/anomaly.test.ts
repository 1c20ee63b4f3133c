import { AutogradError } from '@nnkit/core';
import { tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { detectAnomaly, isAnomalyEnabled } from './anomaly.js';

describe('detectAnomaly', () => {
  it('throws on a forward op that makes NaN, naming the op and its input', () => {
    const x = tensor([1, -1], { dtype: 'float32', requiresGrad: true });
    x.name = 'x';
    expect(() => detectAnomaly(() => x.log())).toThrow(AutogradError);
    expect(() => detectAnomaly(() => x.log())).toThrow(/forward op 'log' produced NaN at flat index 1 \(input 0: leaf 'x' \[2\]\)/);
    expect(isAnomalyEnabled()).toBe(false);
  });

  it('throws on 0/0', () => {
    const a = tensor([0], { dtype: 'float32' });
    expect(() => detectAnomaly(() => a.div(a))).toThrow(/forward op 'div' produced NaN/);
  });

  it('throws on a backward rule that makes Inf, naming the rule', () => {
    const x = tensor([0, 1], { dtype: 'float64', requiresGrad: true });
    // sqrt(0) is fine forward, but its gradient 1/(2·sqrt(0)) is Inf.
    expect(() => detectAnomaly(() => x.sqrt().sum().backward())).toThrow(/backward of SqrtBackward \(gradient of input 0\) produced Infinity/);
  });

  it('is silent outside the scope', () => {
    const x = tensor([-1], { dtype: 'float32' });
    expect(Number.isNaN(x.log().itemSync())).toBe(true);
  });
});
