import type { Tensor } from '@nnkit/tensor';
import { AdamFamily, type AdamOptions } from './adam.js';
import type { ParamGroup } from './optimizer.js';

const DEFAULTS: AdamOptions = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0.01, amsgrad: false, maximize: false };

/**
 * AdamW: Adam with decoupled weight decay, θ ← θ(1 − γλ) before each Adam step (PyTorch's
 * `torch.optim.AdamW`; the update is `adamwUpdate`). `weightDecay` defaults to 0.01.
 *
 * @example
 * const opt = new AdamW(model.parameters(), { lr: 3e-4, weightDecay: 0.05 });
 */
export class AdamW extends AdamFamily {
  constructor(params: Iterable<Tensor> | readonly ParamGroup<AdamOptions>[], options: Partial<AdamOptions> = {}) {
    super('AdamW', true, DEFAULTS, params, options);
  }
}
