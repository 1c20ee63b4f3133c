import type { Tensor } from '@nnkit/tensor';
import { ADAM_STATE, adamwUpdate, fusedAdamUpdate, initAdamState, validateAdamOptions, type AdamOptions, type AdamState } from './adam.js';
import { withDefaults } from './options.js';
import { Optimizer, type ParamGroup, type UpdateResult } from './optimizer.js';

const DEFAULTS: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.01, amsgrad: false, maximize: false };

/**
 * AdamW: Adam with decoupled weight decay, θ ← θ(1 − γλ) before each Adam step (PyTorch's
 * `torch.optim.AdamW`; the update is `adamwUpdate`). `weightDecay` defaults to 0.01.
 *
 * @example
 * const opt = new AdamW(model.parameters(), { lr: 3e-4, weightDecay: 0.05 });
 */
export class AdamW extends Optimizer<AdamOptions, AdamState> {
  protected readonly stateSchema = ADAM_STATE;

  constructor(params: Iterable<Tensor> | readonly ParamGroup<AdamOptions>[], options: Partial<AdamOptions> = {}) {
    super('AdamW', params, withDefaults('AdamW', DEFAULTS, options));
  }

  protected validate(o: AdamOptions): void {
    validateAdamOptions('AdamW', o);
  }

  protected init(param: Tensor, o: AdamOptions): AdamState {
    return initAdamState(param, o);
  }

  protected update(param: Tensor, grad: Tensor, state: AdamState, o: AdamOptions): UpdateResult<AdamState> {
    return adamwUpdate(param, grad, state, o);
  }

  protected override fusedUpdate(param: Tensor, grad: Tensor, state: AdamState, o: AdamOptions): AdamState | null {
    return fusedAdamUpdate(param, grad, state, o, true);
  }
}
