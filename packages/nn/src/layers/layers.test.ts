import { gradcheck } from '@nnkit/autograd';
import { manualSeed, randn, tensor, type Tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { Linear } from './linear.js';
import { Sequential } from './sequential.js';
import { BatchNorm1d, LayerNorm } from './normalization.js';
import { Dropout, Flatten, Identity } from './simple.js';
import { Embedding } from './embedding.js';
import { ELU, GELU, LeakyReLU, LogSoftmax, ReLU, Sigmoid, Softmax, Softplus, Tanh } from './activations.js';

const close = (got: ArrayLike<number>, want: number[], digits = 5) => want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, digits));

describe('layers', () => {
  it('Linear initialises like PyTorch: U(±1/√in) for weight and bias', () => {
    manualSeed(0);
    const lin = new Linear({ inFeatures: 400, outFeatures: 50 });
    const w = Array.from(lin.weight.dataSync());
    const b = Array.from(lin.bias!.dataSync());
    const bound = 1 / Math.sqrt(400);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(bound * 0.99);
    expect(Math.max(...b.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(lin.call(randn([7, 400])).shape).toEqual([7, 50]);
  });

  it('Dropout is seeded, scales by 1/(1-p) in training and is the identity in eval', () => {
    const x = randn([1000]).abs().add(1);
    manualSeed(5);
    const d = new Dropout({ p: 0.25 });
    const y = Array.from(d.call(x).dataSync());
    const xs = Array.from(x.dataSync());
    const kept = y.filter((v) => v !== 0).length / y.length;
    expect(kept).toBeGreaterThan(0.7);
    expect(kept).toBeLessThan(0.8);
    y.forEach((v, i) => v !== 0 && expect(v).toBeCloseTo(xs[i] / 0.75, 5));
    manualSeed(5);
    expect(Array.from(new Dropout({ p: 0.25 }).call(x).dataSync())).toEqual(y);
    d.eval();
    expect(d.call(x)).toBe(x);
    expect(() => new Dropout({ p: 1.5 })).toThrow('Dropout: p must be in [0, 1]');
  });

  it('BatchNorm1d normalises with batch stats in training and running stats in eval', () => {
    const bn = new BatchNorm1d({ numFeatures: 2 });
    const x = tensor([[1, 10], [3, 20], [5, 60]], { dtype: 'float32' });
    const y = bn.call(x).dataSync();
    // column 0: mean 3, biased var 8/3
    close([y[0], y[2], y[4]], [-2, 0, 2].map((d) => d / Math.sqrt(8 / 3 + 1e-5)));
    close(bn.runningMean!.dataSync(), [0.3, 3]);
    close(bn.runningVar!.dataSync(), [0.9 + 0.1 * 4, 0.9 + 0.1 * 700], 4);
    expect(bn.numBatchesTracked!.itemSync()).toBe(1);
    bn.eval();
    const e = bn.call(tensor([[0.3, 3]], { dtype: 'float32' })).dataSync();
    close(e, [0, 0]);
    expect(() => bn.call(tensor([[1, 2, 3]], { dtype: 'float32' }))).toThrow('BatchNorm1d: expected input [N, 2] or [N, 2, L], got [1,3]');
  });

  it('LayerNorm normalises each sample over the trailing dims', () => {
    const ln = new LayerNorm({ normalizedShape: 3 });
    const y = ln.call(tensor([[1, 2, 3], [10, 10, 40]], { dtype: 'float32' })).dataSync();
    const s = Math.sqrt(2 / 3 + 1e-5);
    close(y.slice(0, 3), [-1 / s, 0, 1 / s]);
    expect(() => ln.call(tensor([[1, 2]], { dtype: 'float32' }))).toThrow('LayerNorm: input [1,2] does not end in [3]');
  });

  it('Embedding looks up rows and zeroes the padding row', () => {
    const emb = new Embedding({ numEmbeddings: 5, embeddingDim: 3, paddingIdx: 0 });
    expect(Array.from(emb.weight.narrow(0, 0, 1).dataSync())).toEqual([0, 0, 0]);
    const out = emb.call(tensor([[1, 4], [0, 1]]));
    expect(out.shape).toEqual([2, 2, 3]);
    expect(Array.from(out.select(0, 0).select(0, 0).dataSync())).toEqual(Array.from(emb.weight.select(0, 1).dataSync()));
    expect(() => emb.call(tensor([1.5]))).toThrow('Embedding: indices must be int32');
  });

  it('activation modules and Identity/Flatten', () => {
    const x = tensor([[-1, 0.5]], { dtype: 'float64' });
    close(new ReLU().call(x).dataSync(), [0, 0.5]);
    close(new LeakyReLU({ negativeSlope: 0.2 }).call(x).dataSync(), [-0.2, 0.5]);
    close(new ELU().call(x).dataSync(), [Math.expm1(-1), 0.5]);
    close(new GELU().call(x).dataSync(), [-0.15865525393145707, 0.34573123063700656], 10);
    close(new Sigmoid().call(x).dataSync(), [1 / (1 + Math.E), 1 / (1 + Math.exp(-0.5))]);
    close(new Tanh().call(x).dataSync(), [Math.tanh(-1), Math.tanh(0.5)]);
    close(new Softplus().call(x).dataSync(), [Math.log1p(Math.exp(-1)), Math.log1p(Math.exp(0.5))]);
    const sm = new Softmax({ dim: 1 }).call(x).dataSync();
    close([sm[0] + sm[1]], [1]);
    close(new LogSoftmax({ dim: 1 }).call(x).dataSync(), Array.from(sm).map(Math.log));
    expect(new Identity().call(x)).toBe(x);
    expect(new Flatten().call(randn([2, 3, 4])).shape).toEqual([2, 12]);
  });

  it('gradients through BatchNorm1d and LayerNorm pass gradcheck', () => {
    manualSeed(3);
    const bn = new BatchNorm1d({ numFeatures: 3, dtype: 'float64' });
    const ln = new LayerNorm({ normalizedShape: 3, dtype: 'float64' });
    const x = randn([4, 3], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((t) => bn.call(t).mul(t).sum(), [x])).toBe(true);
    expect(gradcheck((t) => ln.call(t).square().sum(), [x])).toBe(true);
  });
});

describe('Sequential fusion', () => {
  it('runs Linear + ReLU as one fused linear, with the values and gradients of the two layers', () => {
    manualSeed(3);
    const fc = new Linear({ inFeatures: 6, outFeatures: 5 });
    const relu = new ReLU();
    const x = randn([4, 6]);
    const upstream = randn([4, 5]);
    const fused = new Sequential(fc, relu).call(x);
    expect(fused.gradFn?.name).toBe('LinearBackward');
    fused.mul(upstream).sum().backward();
    const [gw, gb] = [fc.weight.grad!.dataSync(), fc.bias!.grad!.dataSync()];
    fc.zeroGrad();
    const plain = relu.call(fc.call(x));
    expect(plain.gradFn?.name).not.toBe('LinearBackward');
    plain.mul(upstream).sum().backward();
    const values = plain.dataSync();
    expect(Array.from(fused.dataSync())).toEqual(Array.from(values));
    expect(values.some((v) => v === 0) && values.some((v) => v > 0)).toBe(true);
    expect(Array.from(fc.weight.grad!.dataSync())).toEqual(Array.from(gw));
    expect(Array.from(fc.bias!.grad!.dataSync())).toEqual(Array.from(gb));
  });

  it('leaves subclasses alone: only exactly Linear then ReLU fuse', () => {
    class Shifted extends ReLU {
      override forward(x: Tensor): Tensor {
        return x.relu().add(1);
      }
    }
    const fc = new Linear({ inFeatures: 2, outFeatures: 2 });
    const y = new Sequential(fc, new Shifted()).call(tensor([[1, -1]]));
    expect(y.gradFn?.name).not.toBe('LinearBackward');
    expect(Math.min(...y.dataSync())).toBeGreaterThanOrEqual(1);
  });
});
