import { ValueError } from '@nnkit/core';
import { memory, tensor, Tensor } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';
import type { Optimizer } from './optimizer.js';
import { RMSprop } from './rmsprop.js';
import { StepLR } from './schedulers/step-lr.js';
import { SGD } from './sgd.js';
import type { OptimizerStateDict } from './state-dict.js';
import { param, read, regression, setGrad } from './test-utils/fixtures.js';

function disposeDict(sd: OptimizerStateDict): void {
  for (const entry of Object.values(sd.state)) for (const v of Object.values(entry)) if (v instanceof Tensor) v.dispose();
}

/** Two groups over the regression problem's weight and bias. */
type Make = (w: Tensor, b: Tensor) => Optimizer;
const makers: [string, Make][] = [
  ['SGD (nesterov, weight decay)', (w, b) => new SGD([{ params: [w] }, { params: [b], lr: 0.02 }], { lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 0.01 })],
  ['Adam (amsgrad)', (w, b) => new Adam([{ params: [w] }, { params: [b], betas: [0.8, 0.9] }], { lr: 0.05, amsgrad: true })],
  ['AdamW', (w, b) => new AdamW([{ params: [w] }, { params: [b], weightDecay: 0 }], { lr: 0.05 })],
  ['RMSprop (centered, momentum)', (w, b) => new RMSprop([{ params: [w] }, { params: [b], alpha: 0.9 }], { lr: 0.01, momentum: 0.5, centered: true })],
  ['Adagrad (lrDecay)', (w, b) => new Adagrad([{ params: [w] }, { params: [b], lr: 0.05 }], { lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1 })],
];

describe('Optimizer.stateDict', () => {
  it("has PyTorch's shape: state by parameter index, groups with indices and options", () => {
    const { w, b, backward, dispose } = regression();
    const c = param([1, 2, 3]);
    const opt = new Adam([{ params: [w, b] }, { params: [c], lr: 0.5 }], { lr: 0.1 });
    backward();
    opt.step();
    opt.step();
    const sd = opt.stateDict();
    expect(Object.keys(sd.state)).toEqual(['0', '1']); // c has no gradient, so no state
    expect(sd.state[0].step).toBe(2);
    expect((sd.state[0].expAvg as Tensor).shape).toEqual([3, 2]);
    expect(sd.paramGroups).toEqual([
      { params: [0, 1], lr: 0.1, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false },
      { params: [2], lr: 0.5, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false },
    ]);
    sd.paramGroups[0].betas = [0, 0];
    expect(opt.paramGroups[0].betas).toEqual([0.9, 0.999]); // a copy, not the live options
    expect(JSON.parse(JSON.stringify(sd.paramGroups))).toEqual(sd.paramGroups);
    disposeDict(sd);
    opt.step(); // the optimizer's own state was not freed with the copies
    opt.dispose();
    c.dispose();
    dispose();
  });

  it('gives copies the caller owns: disposing them frees exactly what stateDict made', () => {
    const { params, backward, dispose } = regression();
    const opt = new Adam(params);
    backward();
    opt.step();
    const before = memory().tensors;
    const sd = opt.stateDict();
    expect(memory().tensors).toBe(before + 4);
    expect(sd.state[0].expAvg).not.toBe(opt.state.get(params[0])?.expAvg);
    disposeDict(sd);
    expect(memory().tensors).toBe(before);
    opt.zeroGrad();
    opt.dispose();
    dispose();
  });
});

describe('Optimizer.loadStateDict', () => {
  for (const [name, make] of makers) {
    it(`${name}: N steps straight equal k steps + save/load into a fresh optimizer + N−k steps, bit for bit`, () => {
      const N = 9;
      const k = 4;
      const straight = regression();
      const optA = make(straight.w, straight.b);
      const schedA = new StepLR(optA, { stepSize: 3, gamma: 0.5 });
      for (let i = 0; i < N; i++) {
        straight.backward();
        optA.step();
        optA.zeroGrad();
        schedA.step();
      }

      const first = regression();
      const optB = make(first.w, first.b);
      const schedB = new StepLR(optB, { stepSize: 3, gamma: 0.5 });
      for (let i = 0; i < k; i++) {
        first.backward();
        optB.step();
        optB.zeroGrad();
        schedB.step();
      }
      const saved = { weights: first.params.map(read), optimizer: optB.stateDict(), scheduler: JSON.stringify(schedB.stateDict()) };
      optB.dispose();
      first.dispose();

      const resumed = regression();
      resumed.params.forEach((p, i) => p.copy_(tensor(Float64Array.from(saved.weights[i]), { shape: p.shape, dtype: 'float64' })));
      const optC = make(resumed.w, resumed.b);
      const schedC = new StepLR(optC, { stepSize: 3, gamma: 0.5 });
      optC.loadStateDict(saved.optimizer);
      schedC.loadStateDict(JSON.parse(saved.scheduler));
      disposeDict(saved.optimizer); // the optimizer copied what it needs
      for (let i = k; i < N; i++) {
        resumed.backward();
        optC.step();
        optC.zeroGrad();
        schedC.step();
      }
      expect(resumed.params.map(read)).toEqual(straight.params.map(read));
      expect(optC.paramGroups.map((g) => g.lr)).toEqual(optA.paramGroups.map((g) => g.lr));
      optA.dispose();
      optC.dispose();
      straight.dispose();
      resumed.dispose();
    });
  }

  it('restores group options, including ones a scheduler changed', () => {
    const a = param([1]);
    const opt = new SGD([a], { lr: 0.1, momentum: 0.9 });
    opt.paramGroups[0].lr = 0.025;
    const sd = opt.stateDict();
    const b = param([1]);
    const fresh = new SGD([b], { lr: 0.1 });
    fresh.loadStateDict(sd);
    expect(fresh.paramGroups[0]).toMatchObject({ lr: 0.025, momentum: 0.9 });
    expect(fresh.paramGroups[0].params[0]).toBe(b);
    a.dispose();
    b.dispose();
  });

  describe('checks the dict first and names what differs (ValueError), changing nothing', () => {
    const setup = () => {
      const { w, b, backward, dispose } = regression();
      const opt = new Adam([{ params: [w] }, { params: [b] }], { lr: 0.1 });
      backward();
      opt.step();
      opt.zeroGrad();
      const sd = opt.stateDict();
      return { w, b, opt, sd, dispose };
    };
    const cases: [string, (sd: OptimizerStateDict) => unknown, string][] = [
      ['not a state dict', () => 42, 'Adam.loadStateDict: expected an object { state, paramGroups }'],
      ['group count', (sd) => ({ ...sd, paramGroups: [sd.paramGroups[0]] }), 'the state dict has 1 parameter groups but this optimizer has 2'],
      ['parameter count', (sd) => ({ ...sd, paramGroups: [{ ...sd.paramGroups[0], params: [0, 5] }, sd.paramGroups[1]] }), 'group 0 has 2 parameters in the state dict but 1 in this optimizer'],
      ['missing option', (sd) => ({ ...sd, paramGroups: [{ params: [0], lr: 0.1 }, sd.paramGroups[1]] }), "group 0 of the state dict lacks option 'betas'"],
      ['bad option value', (sd) => ({ ...sd, paramGroups: [{ ...sd.paramGroups[0], eps: -1 }, sd.paramGroups[1]] }), 'Adam: invalid eps -1'],
      ['unknown state entry', (sd) => ({ ...sd, state: { ...sd.state, 0: { ...sd.state[0], momentumBuffer: 1 } } }), "parameter 0 has state 'momentumBuffer', which Adam does not keep"],
      ['state of an unlisted parameter', (sd) => ({ ...sd, state: { ...sd.state, 7: {} } }), 'the state dict has state for parameter 7, which no group lists'],
      ['step not a number', (sd) => ({ ...sd, state: { ...sd.state, 1: { ...sd.state[1], step: 'x' } } }), "state 'step' of parameter 1 must be a finite number"],
    ];
    for (const [name, mutate, message] of cases) {
      it(name, () => {
        const { w, opt, sd, dispose } = setup();
        const before = opt.state.get(w);
        expect(() => opt.loadStateDict(mutate(sd) as OptimizerStateDict)).toThrow(ValueError);
        expect(() => opt.loadStateDict(mutate(sd) as OptimizerStateDict)).toThrow(message);
        expect(opt.state.get(w)).toBe(before);
        expect(opt.paramGroups[0].lr).toBe(0.1);
        disposeDict(sd);
        opt.dispose();
        dispose();
      });
    }

    it('a state tensor of the wrong shape', () => {
      const { opt, sd, dispose } = setup();
      const wrong = tensor(new Float64Array(6), { shape: [2, 3], dtype: 'float64' });
      const bad = { ...sd, state: { ...sd.state, 0: { ...sd.state[0], expAvg: wrong } } };
      expect(() => opt.loadStateDict(bad)).toThrow("Adam.loadStateDict: state 'expAvg' of parameter 0 has shape [2,3] but the parameter has shape [3,2]");
      wrong.dispose();
      disposeDict(sd);
      opt.dispose();
      dispose();
    });

    it("another optimizer's state", () => {
      const { sd, w, b, opt, dispose } = setup();
      const sgd = new SGD([{ params: [w] }, { params: [b] }]);
      expect(() => sgd.loadStateDict(sd)).toThrow("group 0 of the state dict has option 'betas', which SGD does not take");
      disposeDict(sd);
      opt.dispose();
      dispose();
    });
  });
});
