import { ValueError } from '@nnkit/core';
import { fusedAdamStep_, zerosLike, type Tensor } from '@nnkit/tensor';
import { checkBoolean, checkNumber, withDefaults } from './options.js';
import { Optimizer, type GroupOptions, type ParamGroup, type UpdateResult } from './optimizer.js';
import type { StateSchema } from './state-dict.js';

/** Adam's (and AdamW's) options. */
export interface AdamOptions extends GroupOptions {
  /** Learning rate γ (default 1e-3). */
  lr: number;
  /** Decay rates [β₁, β₂] of the first and second moment averages (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator for stability (default 1e-8). */
  eps: number;
  /** Weight decay λ: an L2 penalty for Adam (default 0), decoupled for AdamW (default 0.01). */
  weightDecay: number;
  /** Use the maximum of past second moments (AMSGrad; default false). */
  amsgrad: boolean;
  /** Ascend the objective instead of descending it (default false). */
  maximize: boolean;
}

/** Adam's per-parameter state. */
export type AdamState = {
  /** Steps taken, t. */
  step: number;
  /** First moment m. */
  expAvg: Tensor;
  /** Second moment v. */
  expAvgSq: Tensor;
  /** max(v) over the steps, with amsgrad. */
  maxExpAvgSq?: Tensor;
};

/**
 * One Adam step for one parameter, as PyTorch's `adam` (pure: nothing is mutated). With
 * `decoupled` it is AdamW's step (the weight decay shrinks θ instead of joining the gradient).
 *
 * ```text
 * t ← t + 1;  g ← ∇θ  (−∇θ when maximize)
 * if λ ≠ 0:  θ ← θ(1 − γλ) if decoupled, else g ← g + λθ
 * m ← β₁m + (1 − β₁)g
 * v ← β₂v + (1 − β₂)g²
 * v̂max ← max(v̂max, v)                     (amsgrad)
 * θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)   (√v̂max in place of √v with amsgrad)
 * ```
 *
 * @example
 * const s0 = { step: 0, expAvg: zerosLike(w), expAvgSq: zerosLike(w) };
 * const { param, state } = adamUpdate(w, w.grad!, s0, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false });
 */
export function adamUpdate(param: Tensor, grad: Tensor, state: AdamState, o: AdamOptions, decoupled = false): UpdateResult<AdamState> {
  const step = state.step + 1;
  const [beta1, beta2] = o.betas;
  let g = o.maximize ? grad.neg() : grad;
  let p = param;
  if (o.weightDecay !== 0) {
    if (decoupled) p = param.mul(1 - o.lr * o.weightDecay);
    else g = g.add(param.mul(o.weightDecay));
  }
  const expAvg = state.expAvg.mul(beta1).add(g.mul(1 - beta1));
  const expAvgSq = state.expAvgSq.mul(beta2).add(g.mul(g).mul(1 - beta2));
  const stepSize = o.lr / (1 - beta1 ** step);
  const bias2Sqrt = Math.sqrt(1 - beta2 ** step);
  let maxExpAvgSq = state.maxExpAvgSq;
  if (o.amsgrad) maxExpAvgSq = maxExpAvgSq === undefined ? expAvgSq : maxExpAvgSq.maximum(expAvgSq);
  const second = o.amsgrad ? (maxExpAvgSq as Tensor) : expAvgSq;
  const denom = second.sqrt().div(bias2Sqrt).add(o.eps);
  const next: AdamState = { step, expAvg, expAvgSq };
  if (maxExpAvgSq !== undefined) next.maxExpAvgSq = maxExpAvgSq === expAvgSq ? expAvgSq.clone() : maxExpAvgSq;
  return { param: p.sub(expAvg.div(denom).mul(stepSize)), state: next };
}

/**
 * `adamUpdate` done in place by the backend's fused `adamStep` (the moments are updated in
 * place too); the new state, or null, having changed nothing, when the kernel cannot run.
 */
function fusedAdamUpdate(param: Tensor, grad: Tensor, state: AdamState, o: AdamOptions, decoupled = false): AdamState | null {
  const step = state.step + 1;
  // With amsgrad, a missing running maximum starts at 0: max(0, v) = v, as adamUpdate's first step.
  const maxExpAvgSq = o.amsgrad ? state.maxExpAvgSq ?? zerosLike(param) : null;
  const done = fusedAdamStep_(param, grad, state.expAvg, state.expAvgSq, maxExpAvgSq, {
    lr: o.lr, beta1: o.betas[0], beta2: o.betas[1], eps: o.eps, weightDecay: o.weightDecay,
    decoupled, amsgrad: o.amsgrad, maximize: o.maximize, step,
  });
  if (!done) return null;
  const next: AdamState = { step, expAvg: state.expAvg, expAvgSq: state.expAvgSq };
  const max = maxExpAvgSq ?? state.maxExpAvgSq;
  if (max !== undefined) next.maxExpAvgSq = max;
  return next;
}

/** AdamW's step: `adamUpdate` with decoupled weight decay, θ ← θ(1 − γλ) before the Adam step. */
export function adamwUpdate(param: Tensor, grad: Tensor, state: AdamState, o: AdamOptions): UpdateResult<AdamState> {
  return adamUpdate(param, grad, state, o, true);
}

/** Checks Adam/AdamW options as PyTorch does; `owner` names the optimizer in the message. */
function validateAdamOptions(owner: string, o: AdamOptions): void {
  checkNumber(owner, 'lr', o.lr, { min: 0 });
  if (!Array.isArray(o.betas) || o.betas.length !== 2) {
    throw new ValueError(`${owner}: invalid betas ${JSON.stringify(o.betas)} (must be [beta1, beta2])`);
  }
  checkNumber(owner, 'betas[0]', o.betas[0], { min: 0, max: 1, maxExclusive: true });
  checkNumber(owner, 'betas[1]', o.betas[1], { min: 0, max: 1, maxExclusive: true });
  checkNumber(owner, 'eps', o.eps, { min: 0 });
  checkNumber(owner, 'weightDecay', o.weightDecay, { min: 0 });
  checkBoolean(owner, 'amsgrad', o.amsgrad);
  checkBoolean(owner, 'maximize', o.maximize);
}

/** Fresh Adam state: t = 0 and zero moments. */
function initAdamState(param: Tensor, o: AdamOptions): AdamState {
  const state: AdamState = { step: 0, expAvg: zerosLike(param), expAvgSq: zerosLike(param) };
  if (o.amsgrad) state.maxExpAvgSq = zerosLike(param);
  return state;
}

/** The state entries Adam and AdamW keep. */
const ADAM_STATE: StateSchema = { step: 'number', expAvg: 'tensor', expAvgSq: 'tensor', maxExpAvgSq: 'tensor' };

const DEFAULTS: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false };

/**
 * What Adam and AdamW share: the state, the option checks and the update (composed, or fused
 * in place where the backend can); `decoupled` picks AdamW's weight decay.
 */
export abstract class AdamFamily extends Optimizer<AdamOptions, AdamState> {
  protected readonly stateSchema = ADAM_STATE;

  protected constructor(
    name: string,
    private readonly decoupled: boolean,
    defaults: AdamOptions,
    params: Iterable<Tensor> | readonly ParamGroup<AdamOptions>[],
    options: Partial<AdamOptions>,
  ) {
    super(name, params, withDefaults(name, defaults, options));
  }

  protected validate(o: AdamOptions): void {
    validateAdamOptions(this.name, o);
  }

  protected init(param: Tensor, o: AdamOptions): AdamState {
    return initAdamState(param, o);
  }

  protected update(param: Tensor, grad: Tensor, state: AdamState, o: AdamOptions): UpdateResult<AdamState> {
    return adamUpdate(param, grad, state, o, this.decoupled);
  }

  protected override fusedUpdate(param: Tensor, grad: Tensor, state: AdamState, o: AdamOptions): AdamState | null {
    return fusedAdamUpdate(param, grad, state, o, this.decoupled);
  }
}

/**
 * Adam (PyTorch's `torch.optim.Adam`; the update is `adamUpdate`). Its `weightDecay` is an L2
 * penalty added to the gradient; for decoupled weight decay use `AdamW`.
 *
 * @example
 * const opt = new Adam(model.parameters(), { lr: 1e-3, betas: [0.9, 0.999] });
 */
export class Adam extends AdamFamily {
  constructor(params: Iterable<Tensor> | readonly ParamGroup<AdamOptions>[], options: Partial<AdamOptions> = {}) {
    super('Adam', false, DEFAULTS, params, options);
  }
}
