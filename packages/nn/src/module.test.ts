import { ShapeError, ValueError } from '@nnkit/core';
import { createCpuBackend } from '@nnkit/backend-cpu';
import { manualSeed, memory, ones, tensor, type Tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { ReLU } from './layers/activations.js';
import { Linear } from './layers/linear.js';
import { BatchNorm1d } from './layers/normalization.js';
import { Sequential } from './layers/sequential.js';
import { Dropout } from './layers/simple.js';
import { Module } from './module.js';

class Net extends Module {
  fc1 = this.registerModule('fc1', new Linear({ inFeatures: 4, outFeatures: 3 }));
  bn = this.registerModule('bn', new BatchNorm1d({ numFeatures: 3 }));
  fc2 = this.registerModule('fc2', new Linear({ inFeatures: 3, outFeatures: 2, bias: false }));
  forward(x: Tensor): Tensor {
    return this.fc2.call(this.bn.call(this.fc1.call(x)).relu());
  }
}

describe('Module', () => {
  it('gives PyTorch dotted keys for Sequential and named children', () => {
    const seq = new Sequential(new Linear({ inFeatures: 784, outFeatures: 128 }), new ReLU(), new Linear({ inFeatures: 128, outFeatures: 10 }));
    expect(seq.namedParameters().map(([k]) => k)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(seq.numParameters()).toBe(784 * 128 + 128 + 128 * 10 + 10);
    const net = new Net();
    expect(Object.keys(net.stateDict())).toEqual([
      'fc1.weight', 'fc1.bias', 'bn.weight', 'bn.bias', 'fc2.weight',
      'bn.running_mean', 'bn.running_var', 'bn.num_batches_tracked',
    ]);
    expect(net.children().length).toBe(3);
    expect(net.modules().length).toBe(4);
    expect(net.parameters().every((p) => p.requiresGrad)).toBe(true);
  });

  it('switches train/eval through the tree', () => {
    const seq = new Sequential(new Dropout({ p: 0.5 }), new Sequential(new Dropout()));
    seq.eval();
    expect(seq.modules().every((m) => !m.training)).toBe(true);
    seq.train();
    expect(seq.modules().every((m) => m.training)).toBe(true);
  });

  it('round-trips a state dict and names what does not match', async () => {
    manualSeed(1);
    const a = new Net();
    manualSeed(2);
    const b = new Net();
    b.loadStateDict(a.stateDict());
    expect(await b.fc1.weight.data()).toEqual(await a.fc1.weight.data());
    const sd = { ...a.stateDict() };
    delete (sd as Record<string, Tensor>)['fc2.weight'];
    (sd as Record<string, Tensor>).extra = ones([1]);
    expect(() => b.loadStateDict(sd)).toThrow(ValueError);
    expect(() => b.loadStateDict(sd)).toThrow('missing keys: fc2.weight; unexpected keys: extra');
    expect(b.loadStateDict(sd, { strict: false })).toEqual({ missingKeys: ['fc2.weight'], unexpectedKeys: ['extra'] });
    expect(() => b.loadStateDict({ ...a.stateDict(), 'fc1.bias': ones([4]) })).toThrow(ShapeError);
    expect(() => b.loadStateDict({ ...a.stateDict(), 'fc1.bias': ones([4]) })).toThrow("'fc1.bias' has shape [4] in the state dict but [3] in the model");
  });

  it('prints a readable tree with parameter counts', () => {
    const seq = new Sequential(new Linear({ inFeatures: 784, outFeatures: 128 }), new ReLU(), new Linear({ inFeatures: 128, outFeatures: 10 }));
    expect(seq.toString()).toBe(
      [
        'Sequential(',
        '  (0): Linear(inFeatures=784, outFeatures=128, bias=true)  # 100,480 params',
        '  (1): ReLU()',
        '  (2): Linear(inFeatures=128, outFeatures=10, bias=true)  # 1,290 params',
        ')  # 101,770 params',
      ].join('\n'),
    );
  });

  it('zeroGrad frees gradients; forward through call() matches forward()', () => {
    const lin = new Linear({ inFeatures: 2, outFeatures: 1 });
    const x = tensor([[1, 2]], { dtype: 'float32' });
    lin.call(x).sum().backward();
    expect(lin.weight.grad).not.toBeNull();
    lin.zeroGrad();
    expect(lin.weight.grad).toBeNull();
    expect(lin.call(x).dataSync()).toEqual(lin.forward(x).dataSync());
  });

  it('moves to another backend in place, keeping tensor identity', async () => {
    const other = createCpuBackend({ name: 'cpu-other' });
    const lin = new Linear({ inFeatures: 2, outFeatures: 2 });
    const w = lin.weight;
    const before = await w.data();
    lin.to(other);
    expect(lin.weight).toBe(w);
    expect(w.backend).toBe(other);
    expect(await w.data()).toEqual(before);
    const y = lin.call(tensor([[1, 2]], { dtype: 'float32', backend: other }));
    expect(y.backend).toBe(other);
    expect(memory().byBackend['cpu-other'].tensors).toBeGreaterThan(0);
  });

  it('rejects duplicate or dotted names', () => {
    class Bad extends Module {
      a = this.registerModule('a', new ReLU());
      b = this.registerModule('a', new ReLU());
      forward(x: Tensor) { return x; }
    }
    expect(() => new Bad()).toThrow("'a' is already registered");
  });
});
