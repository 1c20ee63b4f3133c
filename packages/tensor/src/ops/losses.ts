import { DTypeError, ShapeError, formatShape } from '@nnkit/core';
import { backendOf, fromKernel, record, viewOf } from '../dispatch.js';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';
import { gather } from './indexing.js';
import { logsumexp } from './statistics.js';
import { squeeze, unsqueeze } from './views.js';

/**
 * Per-row cross entropy of logits `[N, C]` against int32 class indices `[N]`:
 * `logsumexp(row) − row[label]`, shape `[N]`. Uses the backend's fused kernel when present.
 */
export function softmaxCrossEntropy(logits: Tensor, labels: Tensor): Tensor {
  if (logits.ndim !== 2 || labels.ndim !== 1 || labels.shape[0] !== logits.shape[0]) {
    throw new ShapeError(
      `softmaxCrossEntropy: logits ${formatShape(logits.shape)} and labels ${formatShape(labels.shape)} do not fit (want [N, C] and [N])`,
    );
  }
  if (labels.dtype !== 'int32') throw new DTypeError(`softmaxCrossEntropy: labels must be int32, got ${labels.dtype}`);
  const fused = logits.backend.fused?.softmaxCrossEntropy;
  if (fused && (logits.dtype === 'float32' || logits.dtype === 'float64')) {
    const backend = backendOf('softmaxCrossEntropy', [logits, labels]);
    const data = fused.call(backend.fused, viewOf(logits, 'softmaxCrossEntropy'), viewOf(labels, 'softmaxCrossEntropy'));
    return record('softmaxCrossEntropy', [logits, labels], fromKernel(backend, data, [logits.shape[0]], logits.dtype), {});
  }
  return tidy(() => logsumexp(logits, 1).sub(squeeze(gather(logits, 1, unsqueeze(labels, 1)), 1)));
}
