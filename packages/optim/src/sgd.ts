import { ValueError } from '@nnkit/core';
import { fusedSgdStep_, zerosLike, type Tensor } from '@nnkit/tensor';
import { checkBoolean, checkNumber, withDefaults } from './options.js';
import { Optimizer, type GroupOptions, type ParamGroup, type UpdateResult } from './optimizer.js';
import type { StateSchema } from './state-dict.js';

/** SGD's options (PyTorch's names in camelCase). */
export interface SGDOptions extends GroupOptions {
  /** Learning rate γ (default 1e-3). */
  lr: number;
  /** Momentum factor μ (default 0). */
  momentum: number;
  /** Dampening τ for momentum (default 0). */
  dampening: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
  /** Nesterov momentum (default false); needs momentum > 0 and dampening 0. */
  nesterov: boolean;
  /** Ascend the objective instead of descending it (default false). */
  maximize: boolean;
}

/** SGD's per-parameter state: the momentum buffer, once momentum is used. */
export type SGDState = { momentumBuffer?: Tensor };

/**
 * One SGD step for one parameter, as PyTorch's `sgd` (a pure function: nothing is mutated).
 *
 * ```text
 * g ← ∇θ            (−∇θ when maximize)
 * if λ ≠ 0:  g ← g + λθ
 * if μ ≠ 0:  b ← g on the first step, else b ← μb + (1 − τ)g
 *            g ← g + μb if nesterov, else g ← b
 * θ ← θ − γg
 * ```
 *
 * @example
 * const { param, state } = sgdUpdate(w, w.grad!, {}, { lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false, maximize: false });
 */
export function sgdUpdate(param: Tensor, grad: Tensor, state: SGDState, o: SGDOptions): UpdateResult<SGDState> {
  let g = o.maximize ? grad.neg() : grad;
  if (o.weightDecay !== 0) g = g.add(param.mul(o.weightDecay));
  let buf = state.momentumBuffer;
  if (o.momentum !== 0) {
    buf = buf === undefined ? g.clone() : buf.mul(o.momentum).add(g.mul(1 - o.dampening));
    g = o.nesterov ? g.add(buf.mul(o.momentum)) : buf;
  }
  return { param: param.sub(g.mul(o.lr)), state: buf === undefined ? {} : { momentumBuffer: buf } };
}

const DEFAULTS: SGDOptions = { lr: 1e-3, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };

/**
 * Stochastic gradient descent, optionally with momentum, Nesterov momentum and weight decay
 * (PyTorch's `torch.optim.SGD`; the update is `sgdUpdate`).
 *
 * @example
 * const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * loss.backward();
 * opt.step();
 * opt.zeroGrad();
 */
export class SGD extends Optimizer<SGDOptions, SGDState> {
  protected readonly stateSchema: StateSchema = { momentumBuffer: 'tensor' };

  constructor(params: Iterable<Tensor> | readonly ParamGroup<SGDOptions>[], options: Partial<SGDOptions> = {}) {
    super('SGD', params, withDefaults('SGD', DEFAULTS, options));
  }

  protected validate(o: SGDOptions): void {
    checkNumber('SGD', 'lr', o.lr, { min: 0 });
    checkNumber('SGD', 'momentum', o.momentum, { min: 0 });
    checkNumber('SGD', 'dampening', o.dampening);
    checkNumber('SGD', 'weightDecay', o.weightDecay, { min: 0 });
    checkBoolean('SGD', 'nesterov', o.nesterov);
    checkBoolean('SGD', 'maximize', o.maximize);
    if (o.nesterov && (o.momentum <= 0 || o.dampening !== 0)) {
      throw new ValueError(`SGD: nesterov needs momentum > 0 and dampening 0 (got momentum ${o.momentum}, dampening ${o.dampening})`);
    }
  }

  protected init(): SGDState {
    return {};
  }

  protected update(param: Tensor, grad: Tensor, state: SGDState, options: SGDOptions): UpdateResult<SGDState> {
    return sgdUpdate(param, grad, state, options);
  }

  protected override fusedUpdate(param: Tensor, grad: Tensor, state: SGDState, o: SGDOptions): SGDState | null {
    const first = state.momentumBuffer === undefined;
    // A new buffer is made only for the kernel; when it cannot run, step's tidy frees it.
    const buffer = o.momentum === 0 ? null : state.momentumBuffer ?? zerosLike(param);
    return fusedSgdStep_(param, grad, buffer, { ...o, first }) ? (buffer ? { momentumBuffer: buffer } : state) : null;
  }
}
