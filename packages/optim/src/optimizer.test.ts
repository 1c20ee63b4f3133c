import { ShapeError, ValueError } from '@nnkit/core';
import { memory, tensor, type Tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';
import type { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';
import { param, read, regression, setGrad } from './test-utils/fixtures.js';

const makers: [string, (params: Tensor[]) => Optimizer][] = [
  ['SGD', (p) => new SGD(p, { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 })],
  ['Adam', (p) => new Adam(p, { lr: 0.05, amsgrad: true })],
  ['AdamW', (p) => new AdamW(p, { lr: 0.05 })],
  ['RMSprop', (p) => new RMSprop(p, { lr: 0.01, momentum: 0.5, centered: true })],
  ['Adagrad', (p) => new Adagrad(p, { lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1 })],
];

describe('Optimizer: parameter groups', () => {
  it('takes plain tensors (any iterable) as one group with the defaults', () => {
    const a = param([1, 2]);
    const b = param([3]);
    function* gen() {
      yield a;
      yield b;
    }
    const opt = new SGD(gen(), { lr: 0.5 });
    expect(opt.paramGroups).toHaveLength(1);
    expect(opt.paramGroups[0]).toMatchObject({ lr: 0.5, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false });
    expect(opt.paramGroups[0].params).toEqual([a, b]);
    a.dispose();
    b.dispose();
  });

  it('lets each group override the defaults, and steps each group with its own options', () => {
    const a = param([1, 2]);
    const b = param([3]);
    const opt = new SGD([{ params: [a] }, { params: [b], lr: 0.5 }], { lr: 0.1 });
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.5]);
    setGrad(a, [1, 1]);
    setGrad(b, [1]);
    opt.step();
    expect(read(a)).toEqual([0.9, 1.9]);
    expect(read(b)).toEqual([2.5]);
    opt.paramGroups[1].lr = 1; // what a scheduler does
    opt.step();
    expect(read(b)).toEqual([1.5]);
    opt.zeroGrad();
    a.dispose();
    b.dispose();
  });

  it('addParamGroup adds a group later, with its own options', () => {
    const a = param([1]);
    const b = param([2]);
    const opt = new Adam([a]);
    opt.addParamGroup({ params: [b], lr: 0.1 });
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([1e-3, 0.1]);
    expect(() => opt.addParamGroup({ params: [a] })).toThrow('parameter 0 appears more than once among the parameter groups');
    a.dispose();
    b.dispose();
  });

  it('rejects bad parameters and groups with ValueErrors that say what is wrong', () => {
    const p = param([1]);
    expect(() => new SGD([])).toThrow(new ValueError('SGD: got an empty parameter list'));
    expect(() => new SGD([p, p])).toThrow('SGD param group 0: parameter 1 appears more than once');
    expect(() => new SGD([{ params: [p] }, { params: [p] }])).toThrow('SGD param group 1: parameter 0 appears more than once');
    expect(() => new SGD([p.mul(2)])).toThrow('parameter 0 is not a leaf tensor');
    expect(() => new SGD([tensor([1, 2])])).toThrow('parameter 0 has dtype int32; only float tensors can be optimized');
    expect(() => new SGD([{ params: [p], lrr: 1 } as never])).toThrow("SGD param group 0: unknown option 'lrr'");
    expect(() => new SGD([{ params: [p], lr: -1 }])).toThrow('SGD: invalid lr -1');
    expect(() => new SGD([{ params: [p], initialLr: 'x' } as never])).toThrow('SGD: invalid initialLr x');
    expect(() => new SGD([{ params: [] }])).toThrow('SGD param group 0: got an empty parameter list');
    expect(() => new SGD([p, { params: [p] }] as never)).toThrow('parameters must be tensors or groups');
    p.dispose();
  });
});

describe('Optimizer: step and zeroGrad', () => {
  it('keeps parameter identity: the same tensor object, still a leaf that requires grad', () => {
    const { w, b, params, backward, dispose } = regression();
    const held = params[0];
    const opt = new Adam(params, { lr: 0.1 });
    const before = read(w);
    backward();
    opt.step();
    expect(held).toBe(w);
    expect(read(held)).not.toEqual(before);
    expect(w.isLeaf && w.requiresGrad && b.isLeaf && b.requiresGrad).toBe(true);
    expect(w.dtype).toBe('float64');
    opt.dispose();
    dispose();
  });

  it('reduces the loss of a real autograd problem', () => {
    const { params, backward, dispose } = regression();
    const opt = new SGD(params, { lr: 0.1, momentum: 0.5 });
    const first = backward();
    let last = first;
    for (let i = 0; i < 50; i++) {
      opt.step();
      opt.zeroGrad();
      last = backward();
    }
    expect(last).toBeLessThan(first * 0.5);
    opt.zeroGrad();
    opt.dispose();
    dispose();
  });

  it('skips parameters without a gradient and creates no state for them', () => {
    const a = param([1, 2]);
    const b = param([3]);
    const opt = new Adam([a, b], { lr: 0.1 });
    setGrad(a, [1, 1]);
    opt.step();
    expect(read(b)).toEqual([3]);
    expect(opt.state.has(a)).toBe(true);
    expect(opt.state.has(b)).toBe(false);
    opt.zeroGrad();
    opt.dispose();
    a.dispose();
    b.dispose();
  });

  it('zeroGrad frees each gradient and sets it to null', () => {
    const a = param([1, 2]);
    setGrad(a, [1, 1]);
    const grad = a.grad as Tensor;
    const opt = new SGD([a]);
    opt.zeroGrad();
    expect(a.grad).toBeNull();
    expect(grad.isDisposed).toBe(true);
    a.dispose();
  });

  it('throws a ShapeError when a gradient does not fit its parameter', () => {
    const a = param([1, 2]);
    a.grad = tensor([1, 2, 3], { dtype: 'float64' });
    expect(() => new SGD([a]).step()).toThrow(new ShapeError('SGD.step: parameter 0 has shape [2] but its gradient has [3]'));
    a.grad.dispose();
    a.dispose();
  });

  it('updates float32 parameters in float32', () => {
    const { w, params, backward, dispose } = regression('float32');
    const opt = new Adam(params, { lr: 0.1 });
    backward();
    opt.step();
    expect(w.dtype).toBe('float32');
    expect(opt.state.get(w)?.expAvg.dtype).toBe('float32');
    opt.dispose();
    dispose();
  });

  for (const [name, make] of makers) {
    it(`${name}: leaks nothing — live tensors, buffers and bytes are flat over 100 steps`, () => {
      const { params, backward, dispose } = regression();
      const opt = make(params);
      backward();
      opt.step(); // creates the state
      opt.zeroGrad();
      const before = memory();
      for (let i = 0; i < 100; i++) {
        backward();
        opt.step();
        opt.zeroGrad();
      }
      const after = memory();
      expect([after.tensors, after.buffers, after.bytes]).toEqual([before.tensors, before.buffers, before.bytes]);
      opt.dispose();
      dispose();
    });
  }

  it('dispose frees the state tensors', () => {
    const { params, backward, dispose } = regression();
    const start = memory().tensors;
    const opt = new Adam(params, { amsgrad: true });
    backward();
    opt.step();
    opt.zeroGrad();
    expect(memory().tensors).toBe(start + 2 * 3);
    opt.dispose();
    expect(memory().tensors).toBe(start);
    expect(opt.state.size).toBe(0);
    dispose();
  });
});
