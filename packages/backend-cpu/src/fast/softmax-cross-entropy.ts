import { ShapeError, ValueError, formatShape, type DType, type TypedArray } from '@nnkit/core';
import type { Resolved } from '../resolve.js';
import { takeArray } from '../buffer-pool.js';

/**
 * Per-row `logsumexp(logits) − logits[label]` in one pass per row (float64 accumulation),
 * for logits `[N, C]` and int32 labels `[N]`; result in the logits' dtype.
 */
export function softmaxCrossEntropyKernel(logits: Resolved, labels: Resolved, dtype: DType): TypedArray {
  const [n, c] = logits.shape;
  if (logits.shape.length !== 2 || labels.shape.length !== 1 || labels.shape[0] !== n) {
    throw new ShapeError(`softmaxCrossEntropy: logits ${formatShape(logits.shape)} and labels ${formatShape(labels.shape)} do not fit`);
  }
  const out = takeArray(dtype, n);
  const [rs, cs] = logits.strides;
  const X = logits.array;
  for (let i = 0; i < n; i++) {
    const row = logits.offset + i * rs;
    const label = labels.array[labels.offset + i * labels.strides[0]];
    if (!(label >= 0 && label < c)) throw new ValueError(`softmaxCrossEntropy: label ${label} of row ${i} is outside 0…${c - 1}`);
    let max = -Infinity;
    for (let j = 0; j < c; j++) {
      const v = X[row + j * cs];
      if (v > max || Number.isNaN(v)) max = v;
    }
    const shift = Number.isFinite(max) ? max : 0;
    let sum = 0;
    for (let j = 0; j < c; j++) sum += Math.exp(X[row + j * cs] - shift);
    out[i] = Math.log(sum) + shift - X[row + label * cs];
  }
  return out;
}
