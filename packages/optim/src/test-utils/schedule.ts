// Test-only helpers for schedulers: an optimizer with one parameter per group, and the
// learning rates a scheduler produces.
import type { Tensor } from '@nnkit/tensor';
import { Adam } from '../adam.js';
import { SGD } from '../sgd.js';
import { param } from './fixtures.js';

const made: Tensor[] = [];

/** An SGD optimizer with one group per rate in `lrs` (and momentum, so OneCycleLR can cycle it). */
export function sgdWith(...lrs: number[]): SGD {
  return new SGD(lrs.map((lr) => ({ params: [track(param([1]))], lr })), { momentum: 0.9 });
}

/** An Adam optimizer with one group per rate. */
export function adamWith(...lrs: number[]): Adam {
  return new Adam(lrs.map((lr) => ({ params: [track(param([1]))], lr })));
}

function track(t: Tensor): Tensor {
  made.push(t);
  return t;
}

/** Frees the parameters the helpers made. */
export function freeParams(): void {
  for (const t of made.splice(0)) t.dispose();
}

/** Group-0 rates: the one after construction (epoch 0), then after each of `steps` steps. */
export function rates(scheduler: { step(): void; getLastLr(): number[] }, steps: number, group = 0): number[] {
  const out = [scheduler.getLastLr()[group]];
  for (let i = 0; i < steps; i++) {
    scheduler.step();
    out.push(scheduler.getLastLr()[group]);
  }
  return out;
}
