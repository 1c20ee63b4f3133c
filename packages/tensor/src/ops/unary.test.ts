import { describe, expect, it } from 'vitest';
import { tensor } from './creation.js';
import { elu, gelu, leakyRelu, relu, silu, softplus } from './activations.js';
import { exp, logicalNot, neg, sqrt, square } from './unary.js';

const vals = async (t: { data(): Promise<ArrayLike<number>> }) => Array.from(await t.data());

describe('unary ops and activations', () => {
  it('promote integers to float for float math and keep them for neg', async () => {
    const i = tensor([1, 4, 9]);
    expect(sqrt(i).dtype).toBe('float32');
    expect(await vals(sqrt(i))).toEqual([1, 2, 3]);
    expect(neg(i).dtype).toBe('int32');
    expect(await vals(square(i))).toEqual([1, 16, 81]);
    expect(logicalNot(tensor([0, 2])).dtype).toBe('bool');
    expect((await vals(exp(tensor([0, 1], { dtype: 'float64' }))))[1]).toBeCloseTo(Math.E, 14);
  });

  it('activations match their definitions', async () => {
    const x = tensor([-2, -0.5, 0, 0.5, 2], { dtype: 'float64' });
    expect(await vals(relu(x))).toEqual([0, 0, 0, 0.5, 2]);
    expect(await vals(leakyRelu(x, 0.1))).toEqual([-0.2, -0.05, 0, 0.5, 2]);
    const e = await vals(elu(x));
    expect(e[0]).toBeCloseTo(Math.expm1(-2), 14);
    expect(e[4]).toBe(2);
    // torch.nn.functional.gelu(tensor([-2,-.5,0,.5,2], dtype=float64))
    const g = await vals(gelu(x));
    [-0.0455002638963584, -0.15426876936299344, 0, 0.34573123063700656, 1.9544997361036416].forEach((w, i) =>
      expect(g[i]).toBeCloseTo(w, 12),
    );
    const gt = await vals(gelu(x, 'tanh'));
    expect(gt[4]).toBeCloseTo(1.9545976940, 9);
    const sp = await vals(softplus(tensor([-30, 0, 30, 100], { dtype: 'float64' })));
    expect(sp[0]).toBeCloseTo(Math.log1p(Math.exp(-30)), 20);
    expect(sp[1]).toBeCloseTo(Math.LN2, 14);
    expect(sp[3]).toBe(100);
    expect((await vals(silu(x)))[4]).toBeCloseTo(2 / (1 + Math.exp(-2)), 14);
  });
});
