import type { AdamStepOptions, SgdStepOptions } from '@nnkit/core';
import { shapesEqual } from '@nnkit/core';
import { viewOf } from '../dispatch.js';
import type { Tensor } from '../tensor.js';

/**
 * Can the backend's in-place step run on these tensors? float32, contiguous, one backend, one
 * shape, and no two sharing storage (an in-place write must not change another operand).
 */
function fits(tensors: readonly Tensor[]): boolean {
  const [first] = tensors;
  const storages = new Set(tensors.map((t) => t.storage));
  return storages.size === tensors.length && tensors.every(
    (t) => t.backend === first.backend && t.dtype === 'float32' && t.isContiguous && shapesEqual(t.shape, first.shape),
  );
}

/** Bumps the version of each storage a step wrote (autograd's check of saved tensors). */
function written(...tensors: (Tensor | null)[]): void {
  for (const t of tensors) if (t) t.storage.version++;
}

/**
 * One SGD step in place on `param` and `momentumBuffer` (null without momentum) through the
 * backend's fused `sgdStep`, when it has one and the tensors fit (float32, contiguous, one
 * backend and shape). Returns false, touching nothing, otherwise: the caller then composes the
 * update from ops (as `@nnkit/optim`'s `sgdUpdate`). Not recorded by autograd.
 *
 * @example
 * if (!fusedSgdStep_(w, w.grad!, buf, { lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false, maximize: false, first: false })) { … }
 */
export function fusedSgdStep_(param: Tensor, grad: Tensor, momentumBuffer: Tensor | null, options: SgdStepOptions): boolean {
  const kernel = param.backend.fused?.sgdStep;
  const operands = momentumBuffer ? [param, grad, momentumBuffer] : [param, grad];
  if (!kernel || !fits(operands)) return false;
  const op = 'sgdStep';
  kernel.call(param.backend.fused, viewOf(param, op), viewOf(grad, op), momentumBuffer ? viewOf(momentumBuffer, op) : null, options);
  written(param, momentumBuffer);
  return true;
}

/**
 * One Adam / AdamW step in place on `param` and its moments (and the running maximum with
 * amsgrad) through the backend's fused `adamStep`, under the same conditions as
 * `fusedSgdStep_`; false, touching nothing, when it cannot run.
 */
export function fusedAdamStep_(
  param: Tensor,
  grad: Tensor,
  expAvg: Tensor,
  expAvgSq: Tensor,
  maxExpAvgSq: Tensor | null,
  options: AdamStepOptions,
): boolean {
  const kernel = param.backend.fused?.adamStep;
  const operands = maxExpAvgSq ? [param, grad, expAvg, expAvgSq, maxExpAvgSq] : [param, grad, expAvg, expAvgSq];
  if (!kernel || !fits(operands)) return false;
  const op = 'adamStep';
  kernel.call(
    param.backend.fused,
    viewOf(param, op), viewOf(grad, op), viewOf(expAvg, op), viewOf(expAvgSq, op), maxExpAvgSq ? viewOf(maxExpAvgSq, op) : null,
    options,
  );
  written(param, expAvg, expAvgSq, maxExpAvgSq);
  return true;
}
