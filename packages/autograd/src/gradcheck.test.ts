import { AutogradError } from '@nnkit/core';
import * as T from '@nnkit/tensor';
import { manualSeed, rand, randn, tensor, type Tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { gradcheck, gradgradcheck } from './gradcheck.js';

const g = (shape: number[]) => randn(shape, { dtype: 'float64', requiresGrad: true });
/** Values in [lo, hi), away from kinks and singularities. */
const u = (shape: number[], lo: number, hi: number) => rand(shape, { dtype: 'float64', low: lo, high: hi, requiresGrad: true });
const pos = (shape: number[]) => u(shape, 0.5, 2);
const idx = (v: number[] | number[][]) => tensor(v, { dtype: 'int32' });

type Case = [name: string, fn: (...xs: Tensor[]) => Tensor, inputs: () => Tensor[]];

const cases: Case[] = [
  // elementwise, one operand (also on a transposed, non-contiguous view)
  ['neg', (x) => x.neg(), () => [g([2, 3])]],
  ['abs', (x) => x.abs(), () => [u([2, 3], 0.2, 1)]],
  ['abs of negatives', (x) => x.abs(), () => [u([3], -1, -0.2)]],
  ['exp', (x) => x.exp(), () => [g([2, 3])]],
  ['log', (x) => x.log(), () => [pos([2, 3])]],
  ['log1p', (x) => x.log1p(), () => [pos([4])]],
  ['expm1', (x) => x.expm1(), () => [g([4])]],
  ['sqrt', (x) => x.sqrt(), () => [pos([4])]],
  ['rsqrt', (x) => x.rsqrt(), () => [pos([4])]],
  ['reciprocal', (x) => x.reciprocal(), () => [pos([4])]],
  ['square', (x) => x.square(), () => [g([4])]],
  ['sin', (x) => x.sin(), () => [g([4])]],
  ['cos', (x) => x.cos(), () => [g([4])]],
  ['tanh', (x) => x.tanh(), () => [g([4])]],
  ['sigmoid', (x) => x.sigmoid(), () => [g([4])]],
  ['erf', (x) => x.erf(), () => [g([4])]],
  ['relu', (x) => x.relu(), () => [tensor([-1.5, -0.3, 0.4, 2], { dtype: 'float64', requiresGrad: true })]],
  ['leakyRelu', (x) => x.leakyRelu(0.1), () => [tensor([-1.5, -0.3, 0.4, 2], { dtype: 'float64', requiresGrad: true })]],
  ['elu', (x) => x.elu(1.5), () => [tensor([-1.5, -0.3, 0.4, 2], { dtype: 'float64', requiresGrad: true })]],
  ['gelu', (x) => x.gelu(), () => [g([5])]],
  ['gelu tanh', (x) => x.gelu('tanh'), () => [g([5])]],
  ['softplus', (x) => x.softplus(2, 5), () => [tensor([-3, -0.5, 0.5, 1, 4], { dtype: 'float64', requiresGrad: true })]],
  ['silu', (x) => x.silu(), () => [g([5])]],
  ['exp of transposed view', (x) => x.T.exp(), () => [g([2, 3])]],
  ['clamp', (x) => x.clamp(-0.5, 0.5), () => [tensor([-1, -0.2, 0.3, 0.9], { dtype: 'float64', requiresGrad: true })]],
  // elementwise, two operands, with broadcasting
  ['add broadcast', (a, b) => a.add(b), () => [g([2, 3]), g([3])]],
  ['sub broadcast', (a, b) => a.sub(b), () => [g([2, 1]), g([1, 3])]],
  ['mul broadcast', (a, b) => a.mul(b), () => [g([2, 3]), g([2, 1])]],
  ['div broadcast', (a, b) => a.div(b), () => [g([2, 3]), pos([3])]],
  ['pow', (a, b) => a.pow(b), () => [pos([3]), g([3])]],
  ['pow scalar exponent', (a) => a.pow(3), () => [g([3])]],
  ['maximum', (a, b) => a.maximum(b), () => [tensor([1, -2, 3], { dtype: 'float64', requiresGrad: true }), tensor([0, 1, 4], { dtype: 'float64', requiresGrad: true })]],
  ['minimum', (a, b) => a.minimum(b), () => [tensor([1, -2, 3], { dtype: 'float64', requiresGrad: true }), tensor([0, 1, 4], { dtype: 'float64', requiresGrad: true })]],
  ['mul of transposed views', (a, b) => a.T.mul(b), () => [g([3, 2]), g([2, 3])]],
  ['where', (a, b) => T.where(tensor([true, false, true]), a, b), () => [g([3]), g([2, 3])]],
  // reductions
  ['sum all', (x) => x.sum(), () => [g([2, 3])]],
  ['sum axis keepdim', (x) => x.sum(-1, true), () => [g([2, 3])]],
  ['mean axes', (x) => x.mean([0, 2]), () => [g([2, 3, 2])]],
  ['prod', (x) => x.prod(1), () => [g([2, 3])]],
  ['prod with a zero', (x) => x.prod(), () => [tensor([2, 0, 3], { dtype: 'float64', requiresGrad: true })]],
  ['max axis', (x) => x.max(1), () => [tensor([[1, 5, 2], [7, 0, 3]], { dtype: 'float64', requiresGrad: true })]],
  ['min all', (x) => x.min(), () => [tensor([[1, 5, 2], [7, 0, 3]], { dtype: 'float64', requiresGrad: true })]],
  ['var', (x) => x.var(1), () => [g([2, 4])]],
  ['std no correction', (x) => x.std(0, { correction: 0 }), () => [g([3, 2])]],
  ['logsumexp', (x) => T.logsumexp(x, 1), () => [g([2, 4])]],
  ['softmax', (x) => x.softmax(-1), () => [g([2, 4])]],
  ['logSoftmax', (x) => x.logSoftmax(1), () => [g([2, 4])]],
  ['norm 2', (x) => x.norm(), () => [g([2, 3])]],
  ['norm 3 axis', (x) => x.norm(3, 1), () => [pos([2, 3])]],
  ['sum of non-contiguous slice', (x) => x.slice([null, [0, null, 2]]).sum(0), () => [g([3, 5])]],
  // linear algebra
  ['matmul 2-D', (a, b) => a.matmul(b), () => [g([2, 3]), g([3, 4])]],
  ['matmul 1-D·1-D', (a, b) => a.matmul(b), () => [g([3]), g([3])]],
  ['matmul 2-D·1-D', (a, b) => a.matmul(b), () => [g([2, 3]), g([3])]],
  ['matmul 1-D·2-D', (a, b) => a.matmul(b), () => [g([3]), g([3, 2])]],
  ['matmul batched broadcast', (a, b) => a.matmul(b), () => [g([2, 1, 2, 3]), g([3, 3, 2])]],
  ['matmul of transposed views', (a, b) => a.T.matmul(b.T), () => [g([3, 2]), g([4, 3])]],
  ['linear', (x, w, b) => T.linear(x, w, b), () => [g([2, 3]), g([4, 3]), g([4])]],
  // views and shapes
  ['reshape', (x) => x.reshape(3, 2).mul(tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float64' })), () => [g([2, 3])]],
  ['flatten', (x) => x.flatten(1), () => [g([2, 2, 2])]],
  ['squeeze/unsqueeze', (x) => x.unsqueeze(0).squeeze(2), () => [g([2, 1, 3])]],
  ['transpose', (x) => x.transpose(0, 2), () => [g([2, 3, 2])]],
  ['permute', (x) => x.permute(2, 0, 1), () => [g([2, 3, 2])]],
  ['expand', (x) => x.expand(2, 3, 2).mul(T.arange(12, undefined, 1, { dtype: 'float64' }).reshape(2, 3, 2)), () => [g([3, 1])]],
  ['slice with steps', (x) => x.slice([[1, 3], [0, null, 2]]), () => [g([3, 5])]],
  ['narrow', (x) => x.narrow(1, 1, 2), () => [g([2, 4])]],
  ['select', (x) => x.select(0, -1), () => [g([3, 2])]],
  ['contiguous of a view', (x) => x.T.contiguous(), () => [g([2, 3])]],
  ['concat', (a, b) => T.concat([a, b], 1), () => [g([2, 1]), g([2, 3])]],
  ['stack', (a, b) => T.stack([a, b], 1), () => [g([2, 3]), g([2, 3])]],
  ['split weighted', (x) => { const [p, q] = x.split([1, 2], 1); return p.mul(2).sum().add(q.mul(3).sum()); }, () => [g([2, 3])]],
  ['chunk weighted', (x) => { const [p, q] = x.chunk(2); return p.sum().sub(q.mul(q).sum()); }, () => [g([4, 2])]],
  // indexing
  ['gather', (x) => x.gather(1, idx([[0, 2, 0], [1, 1, 2]])), () => [g([2, 3])]],
  ['indexSelect', (x) => x.indexSelect(0, idx([2, 0, 2])), () => [g([3, 2])]],
  ['scatterAdd', (x, s) => x.scatterAdd(0, idx([0, 2, 0]), s), () => [g([3]), g([3])]],
  ['softmaxCrossEntropy', (x) => T.softmaxCrossEntropy(x, idx([1, 0, 3])), () => [g([3, 4])]],
];

describe('gradcheck: every differentiable op, in float64', () => {
  for (const [name, fn, inputs] of cases) {
    it(name, () => {
      manualSeed(7);
      expect(gradcheck(fn, inputs())).toBe(true);
    });
  }

  it('catches a wrong gradient', () => {
    manualSeed(1);
    const x = g([3]);
    // A function whose backward is cut: its analytic gradient is wrong by construction.
    const wrong = (t: Tensor) => t.mul(t.detach()).sum();
    expect(() => gradcheck(wrong, [x])).toThrow(AutogradError);
    expect(() => gradcheck(wrong, [x])).toThrow(/Jacobian mismatch for input 0/);
  });

  it('needs float64 inputs', () => {
    expect(() => gradcheck((t) => t.sum(), [tensor([1], { dtype: 'float32', requiresGrad: true })])).toThrow(/float64/);
  });
});

describe('gradgradcheck: second derivatives', () => {
  const second: Case[] = [
    ['mul', (a, b) => a.mul(b), () => [g([3]), g([3])]],
    ['exp·sin', (x) => x.exp().mul(x.sin()), () => [g([3])]],
    ['tanh', (x) => x.tanh(), () => [g([3])]],
    ['sigmoid', (x) => x.sigmoid(), () => [g([3])]],
    ['log', (x) => x.log(), () => [pos([3])]],
    ['div', (a, b) => a.div(b), () => [g([3]), pos([3])]],
    ['softmax', (x) => x.softmax(-1), () => [g([2, 3])]],
    ['logSoftmax', (x) => x.logSoftmax(-1), () => [g([2, 3])]],
    ['matmul', (a, b) => a.matmul(b), () => [g([2, 3]), g([3, 2])]],
    ['gelu', (x) => x.gelu(), () => [g([4])]],
    ['pow', (a) => a.pow(3), () => [g([3])]],
  ];
  for (const [name, fn, inputs] of second) {
    it(name, () => {
      manualSeed(11);
      expect(gradgradcheck(fn, inputs())).toBe(true);
    });
  }
});
