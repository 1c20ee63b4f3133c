import { zerosLike, type Tensor } from '@nnkit/tensor';
import { checkBoolean, checkNumber, withDefaults } from './options.js';
import { Optimizer, type GroupOptions, type ParamGroup, type UpdateResult } from './optimizer.js';
import type { StateSchema } from './state-dict.js';

/** RMSprop's options. */
export interface RMSpropOptions extends GroupOptions {
  /** Learning rate γ (default 1e-2). */
  lr: number;
  /** Smoothing constant α of the squared-gradient average (default 0.99). */
  alpha: number;
  /** Added to the denominator for stability (default 1e-8). */
  eps: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
  /** Momentum factor μ (default 0). */
  momentum: number;
  /** Normalise by an estimate of the gradient's variance instead of its second moment (default false). */
  centered: boolean;
  /** Ascend the objective instead of descending it (default false). */
  maximize: boolean;
}

/** RMSprop's per-parameter state. */
export type RMSpropState = {
  step: number;
  /** Running average v of g². */
  squareAvg: Tensor;
  /** Momentum buffer b, with momentum > 0. */
  momentumBuffer?: Tensor;
  /** Running average of g, when centered. */
  gradAvg?: Tensor;
};

/**
 * One RMSprop step for one parameter, as PyTorch's `rmsprop` (pure: nothing is mutated).
 *
 * ```text
 * g ← ∇θ  (−∇θ when maximize);   if λ ≠ 0:  g ← g + λθ
 * v ← αv + (1 − α)g²
 * if centered:  ḡ ← αḡ + (1 − α)g;   d ← √(v − ḡ²) + ε   else  d ← √v + ε
 * if μ > 0:  b ← μb + g/d;   θ ← θ − γb      (b starts at 0)
 * else:      θ ← θ − γ·g/d
 * ```
 *
 * @example
 * const { param, state } = rmspropUpdate(w, w.grad!, { step: 0, squareAvg: zerosLike(w) }, { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false });
 */
export function rmspropUpdate(param: Tensor, grad: Tensor, state: RMSpropState, o: RMSpropOptions): UpdateResult<RMSpropState> {
  let g = o.maximize ? grad.neg() : grad;
  if (o.weightDecay !== 0) g = g.add(param.mul(o.weightDecay));
  const squareAvg = state.squareAvg.mul(o.alpha).add(g.mul(g).mul(1 - o.alpha));
  const next: RMSpropState = { step: state.step + 1, squareAvg };
  let denom: Tensor;
  if (o.centered) {
    const gradAvg = (state.gradAvg ?? zerosLike(param)).mul(o.alpha).add(g.mul(1 - o.alpha));
    next.gradAvg = gradAvg;
    denom = squareAvg.sub(gradAvg.mul(gradAvg)).sqrt().add(o.eps);
  } else {
    if (state.gradAvg !== undefined) next.gradAvg = state.gradAvg;
    denom = squareAvg.sqrt().add(o.eps);
  }
  let update = g.div(denom);
  if (o.momentum > 0) {
    update = (state.momentumBuffer ?? zerosLike(param)).mul(o.momentum).add(update);
    next.momentumBuffer = update;
  } else if (state.momentumBuffer !== undefined) {
    next.momentumBuffer = state.momentumBuffer;
  }
  return { param: param.sub(update.mul(o.lr)), state: next };
}

const DEFAULTS: RMSpropOptions = { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false };

/**
 * RMSprop (PyTorch's `torch.optim.RMSprop`; the update is `rmspropUpdate`).
 *
 * @example
 * const opt = new RMSprop(model.parameters(), { lr: 1e-3, momentum: 0.9, centered: true });
 */
export class RMSprop extends Optimizer<RMSpropOptions, RMSpropState> {
  protected readonly stateSchema: StateSchema = { step: 'number', squareAvg: 'tensor', momentumBuffer: 'tensor', gradAvg: 'tensor' };

  constructor(params: Iterable<Tensor> | readonly ParamGroup<RMSpropOptions>[], options: Partial<RMSpropOptions> = {}) {
    super('RMSprop', params, withDefaults('RMSprop', DEFAULTS, options));
  }

  protected validate(o: RMSpropOptions): void {
    checkNumber('RMSprop', 'lr', o.lr, { min: 0 });
    checkNumber('RMSprop', 'alpha', o.alpha, { min: 0 });
    checkNumber('RMSprop', 'eps', o.eps, { min: 0 });
    checkNumber('RMSprop', 'weightDecay', o.weightDecay, { min: 0 });
    checkNumber('RMSprop', 'momentum', o.momentum, { min: 0 });
    checkBoolean('RMSprop', 'centered', o.centered);
    checkBoolean('RMSprop', 'maximize', o.maximize);
  }

  protected init(param: Tensor, o: RMSpropOptions): RMSpropState {
    const state: RMSpropState = { step: 0, squareAvg: zerosLike(param) };
    if (o.momentum > 0) state.momentumBuffer = zerosLike(param);
    if (o.centered) state.gradAvg = zerosLike(param);
    return state;
  }

  protected update(param: Tensor, grad: Tensor, state: RMSpropState, o: RMSpropOptions): UpdateResult<RMSpropState> {
    return rmspropUpdate(param, grad, state, o);
  }
}
