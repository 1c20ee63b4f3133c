import { fullLike, type Tensor } from '@nnkit/tensor';
import { checkBoolean, checkNumber, withDefaults } from './options.js';
import { Optimizer, type GroupOptions, type ParamGroup, type UpdateResult } from './optimizer.js';
import type { StateSchema } from './state-dict.js';

/** Adagrad's options. */
export interface AdagradOptions extends GroupOptions {
  /** Learning rate γ (default 1e-2). */
  lr: number;
  /** Learning-rate decay η: the step uses γ / (1 + (t − 1)η) (default 0). */
  lrDecay: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
  /** Starting value of the sum of squared gradients (default 0). */
  initialAccumulatorValue: number;
  /** Added to the denominator for stability (default 1e-10). */
  eps: number;
  /** Ascend the objective instead of descending it (default false). */
  maximize: boolean;
}

/** Adagrad's per-parameter state. */
export type AdagradState = {
  step: number;
  /** Sum s of squared gradients. */
  sum: Tensor;
};

/**
 * One Adagrad step for one parameter, as PyTorch's `adagrad` (pure: nothing is mutated).
 *
 * ```text
 * t ← t + 1;  g ← ∇θ  (−∇θ when maximize);   if λ ≠ 0:  g ← g + λθ
 * γ̃ ← γ / (1 + (t − 1)η)
 * s ← s + g²
 * θ ← θ − γ̃ · g / (√s + ε)
 * ```
 *
 * @example
 * const { param, state } = adagradUpdate(w, w.grad!, { step: 0, sum: zerosLike(w) }, { lr: 0.01, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false });
 */
export function adagradUpdate(param: Tensor, grad: Tensor, state: AdagradState, o: AdagradOptions): UpdateResult<AdagradState> {
  const step = state.step + 1;
  let g = o.maximize ? grad.neg() : grad;
  if (o.weightDecay !== 0) g = g.add(param.mul(o.weightDecay));
  const clr = o.lr / (1 + (step - 1) * o.lrDecay);
  const sum = state.sum.add(g.mul(g));
  const std = sum.sqrt().add(o.eps);
  return { param: param.sub(g.div(std).mul(clr)), state: { step, sum } };
}

const DEFAULTS: AdagradOptions = { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false };

/**
 * Adagrad (PyTorch's `torch.optim.Adagrad`; the update is `adagradUpdate`). The sum of
 * squared gradients starts at `initialAccumulatorValue` on a parameter's first step.
 *
 * @example
 * const opt = new Adagrad(model.parameters(), { lr: 0.1, lrDecay: 1e-4 });
 */
export class Adagrad extends Optimizer<AdagradOptions, AdagradState> {
  protected readonly stateSchema: StateSchema = { step: 'number', sum: 'tensor' };

  constructor(params: Iterable<Tensor> | readonly ParamGroup<AdagradOptions>[], options: Partial<AdagradOptions> = {}) {
    super('Adagrad', params, withDefaults('Adagrad', DEFAULTS, options));
  }

  protected validate(o: AdagradOptions): void {
    checkNumber('Adagrad', 'lr', o.lr, { min: 0 });
    checkNumber('Adagrad', 'lrDecay', o.lrDecay, { min: 0 });
    checkNumber('Adagrad', 'weightDecay', o.weightDecay, { min: 0 });
    checkNumber('Adagrad', 'initialAccumulatorValue', o.initialAccumulatorValue, { min: 0 });
    checkNumber('Adagrad', 'eps', o.eps, { min: 0 });
    checkBoolean('Adagrad', 'maximize', o.maximize);
  }

  protected init(param: Tensor, o: AdagradOptions): AdagradState {
    return { step: 0, sum: fullLike(param, o.initialAccumulatorValue) };
  }

  protected update(param: Tensor, grad: Tensor, state: AdagradState, o: AdagradOptions): UpdateResult<AdagradState> {
    return adagradUpdate(param, grad, state, o);
  }
}
