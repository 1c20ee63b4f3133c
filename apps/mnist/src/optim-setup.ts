import { Adam, AdamW, CosineAnnealingLR, OneCycleLR, RMSprop, SGD, StepLR, type LRScheduler, type Optimizer } from '@nnkit/optim';
import type { Tensor } from '@nnkit/tensor';
import type { TrainConfig } from './args.js';

/** The optimizer the flags ask for. */
export function buildOptimizer(config: TrainConfig, params: Tensor[]): Optimizer {
  const { lr, momentum, weightDecay } = config;
  switch (config.optimizer) {
    case 'sgd':
      return new SGD(params, { lr, momentum, weightDecay });
    case 'adam':
      return new Adam(params, { lr, weightDecay });
    case 'adamw':
      return new AdamW(params, { lr, weightDecay });
    case 'rmsprop':
      return new RMSprop(params, { lr, momentum, weightDecay });
  }
}

/** The schedule, stepped once per batch (null for `none`). */
export function buildScheduler(config: TrainConfig, optimizer: Optimizer, stepsPerEpoch: number): LRScheduler | null {
  const total = config.epochs * stepsPerEpoch;
  switch (config.schedule) {
    case 'none':
      return null;
    case 'cosine':
      return new CosineAnnealingLR(optimizer, { tMax: total });
    case 'step':
      return new StepLR(optimizer, { stepSize: Math.max(1, Math.floor(config.epochs / 3)) * stepsPerEpoch, gamma: 0.1 });
    case 'onecycle':
      return new OneCycleLR(optimizer, { maxLr: config.lr, totalSteps: total, cycleMomentum: config.optimizer !== 'rmsprop' });
  }
}
