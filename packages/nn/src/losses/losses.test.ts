import { gradcheck } from '@nnkit/autograd';
import { manualSeed, randn, tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { BCEWithLogitsLoss, CrossEntropyLoss, NLLLoss } from './classification.js';
import { HuberLoss, L1Loss, MSELoss } from './regression.js';

const f64 = (v: number[] | number[][]) => tensor(v, { dtype: 'float64' });

/** log-softmax of one row in plain JS. */
const logSoftmaxRow = (row: number[]) => {
  const m = Math.max(...row);
  const lse = m + Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
  return row.map((v) => v - lse);
};

describe('losses', () => {
  const logits = [[2, 1, 0.1], [0.5, 2.5, 0.3]];
  const labels = [0, 2];
  const lp = logits.map(logSoftmaxRow);

  it('CrossEntropyLoss matches the definition for each reduction', () => {
    const per = labels.map((y, i) => -lp[i][y]);
    const x = f64(logits);
    const y = tensor(labels);
    expect(new CrossEntropyLoss().call(x, y).itemSync()).toBeCloseTo((per[0] + per[1]) / 2, 12);
    expect(new CrossEntropyLoss({ reduction: 'sum' }).call(x, y).itemSync()).toBeCloseTo(per[0] + per[1], 12);
    expect(Array.from(new CrossEntropyLoss({ reduction: 'none' }).call(x, y).dataSync())).toEqual(per.map((v) => expect.closeTo(v, 12)));
  });

  it('CrossEntropyLoss with label smoothing, class weights, ignoreIndex and soft targets', () => {
    const eps = 0.1;
    const smooth = labels.map((y, i) => (1 - eps) * -lp[i][y] + (eps / 3) * -lp[i].reduce((s, v) => s + v, 0));
    const x = f64(logits);
    expect(new CrossEntropyLoss({ labelSmoothing: eps }).call(x, tensor(labels)).itemSync()).toBeCloseTo((smooth[0] + smooth[1]) / 2, 12);
    const w = [1, 2, 3];
    const weighted = (-lp[0][0] * 1 + -lp[1][2] * 3) / (1 + 3);
    expect(new CrossEntropyLoss({ weight: f64(w) }).call(x, tensor(labels)).itemSync()).toBeCloseTo(weighted, 12);
    expect(new CrossEntropyLoss({ ignoreIndex: -100 }).call(x, tensor([0, -100])).itemSync()).toBeCloseTo(-lp[0][0], 12);
    const soft = f64([[0.7, 0.2, 0.1], [0, 0, 1]]);
    const want = (-(0.7 * lp[0][0] + 0.2 * lp[0][1] + 0.1 * lp[0][2]) - lp[1][2]) / 2;
    expect(new CrossEntropyLoss().call(x, soft).itemSync()).toBeCloseTo(want, 12);
    expect(() => new CrossEntropyLoss().call(x, tensor([0, 1, 2]))).toThrow('CrossEntropyLoss: input [2,3] and target [3] do not fit');
  });

  it('is stable for huge logits', () => {
    const l = new CrossEntropyLoss().call(tensor([[1000, 0]], { dtype: 'float32' }), tensor([1]));
    expect(l.itemSync()).toBeCloseTo(1000, 2);
  });

  it('NLLLoss, MSE, L1, Huber and BCEWithLogits', () => {
    expect(new NLLLoss().call(f64(lp), tensor(labels)).itemSync()).toBeCloseTo((-lp[0][0] - lp[1][2]) / 2, 12);
    const a = f64([1, 2, 3]);
    const b = f64([1.5, 2, 0]);
    expect(new MSELoss().call(a, b).itemSync()).toBeCloseTo((0.25 + 0 + 9) / 3, 12);
    expect(new L1Loss({ reduction: 'sum' }).call(a, b).itemSync()).toBeCloseTo(3.5, 12);
    expect(new HuberLoss({ delta: 1 }).call(a, b).itemSync()).toBeCloseTo((0.125 + 0 + 2.5) / 3, 12);
    const z = [-2, 0.5, 30];
    const t = [0, 1, 1];
    const bce = z.map((v, i) => -(t[i] * Math.log(1 / (1 + Math.exp(-v))) + (1 - t[i]) * Math.log(1 - 1 / (1 + Math.exp(-v)))));
    expect(new BCEWithLogitsLoss().call(f64(z), f64(t)).itemSync()).toBeCloseTo((bce[0] + bce[1] + bce[2]) / 3, 10);
    const pw = 3;
    const bcew = z.map((v, i) => -(pw * t[i] * Math.log(1 / (1 + Math.exp(-v))) + (1 - t[i]) * Math.log(1 - 1 / (1 + Math.exp(-v)))));
    expect(new BCEWithLogitsLoss({ posWeight: f64([pw]) }).call(f64(z), f64(t)).itemSync()).toBeCloseTo((bcew[0] + bcew[1] + bcew[2]) / 3, 10);
    expect(() => new MSELoss().call(a, f64([1]))).toThrow('MSELoss: input [3] and target [1] differ');
    expect(() => new MSELoss({ reduction: 'avg' as never })).toThrow("unknown reduction 'avg'");
  });

  it('gradients of every loss pass gradcheck', () => {
    manualSeed(4);
    const x = randn([3, 4], { dtype: 'float64', requiresGrad: true });
    const y = tensor([1, 0, 3]);
    const t = randn([3, 4], { dtype: 'float64' });
    expect(gradcheck((v) => new CrossEntropyLoss({ labelSmoothing: 0.2 }).call(v, y), [x])).toBe(true);
    expect(gradcheck((v) => new CrossEntropyLoss().call(v, y), [x])).toBe(true);
    expect(gradcheck((v) => new NLLLoss({ weight: f64([1, 2, 3, 4]) }).call(v.logSoftmax(1), y), [x])).toBe(true);
    expect(gradcheck((v) => new MSELoss().call(v, t), [x])).toBe(true);
    expect(gradcheck((v) => new HuberLoss({ delta: 0.5 }).call(v, t), [x])).toBe(true);
    expect(gradcheck((v) => new BCEWithLogitsLoss().call(v, t.sigmoid()), [x])).toBe(true);
  });
});
