import { DTypeError, ShapeError, ValueError, formatShape } from '@nnkit/core';
import { softmaxCrossEntropy, tidy, where, type Tensor } from '@nnkit/tensor';
import { Loss, reduce, sameShape, type Reduction } from './reduction.js';

/** Options of the class-index losses. */
export interface ClassLossOptions {
  readonly reduction?: Reduction;
  /** A weight per class `[C]`; the mean divides by the summed weights of the targets. */
  readonly weight?: Tensor;
  /** Targets equal to this value are skipped (PyTorch's default is −100; here none unless set). */
  readonly ignoreIndex?: number;
}

function checkLogits(loss: string, input: Tensor, target: Tensor): void {
  if (input.ndim !== 2 || target.shape[0] !== input.shape[0]) {
    throw new ShapeError(`${loss}: input ${formatShape(input.shape)} and target ${formatShape(target.shape)} do not fit (want [N, C] and [N] or [N, C])`);
  }
}

/**
 * Weighted negative log-likelihood of class-index targets from log-probabilities `logp`
 * (`smoothing` mixes in the uniform distribution, as label smoothing does).
 */
function indexNll(logp: Tensor, target: Tensor, o: ClassLossOptions, reduction: Reduction, smoothing: number): Tensor {
  const c = logp.shape[1];
  const valid = o.ignoreIndex === undefined ? null : target.ne(o.ignoreIndex);
  const safe = valid ? where(valid, target, 0) : target;
  const picked = logp.gather(1, safe.unsqueeze(1)).squeeze(1).neg();
  const wy = o.weight ? o.weight.indexSelect(0, safe) : null;
  let losses = wy ? picked.mul(wy) : picked;
  if (smoothing > 0) {
    const all = (o.weight ? logp.mul(o.weight) : logp).sum(1).neg().div(c);
    losses = losses.mul(1 - smoothing).add(all.mul(smoothing));
  }
  const mask = valid ? valid.to(logp.dtype) : null;
  if (mask) losses = losses.mul(mask);
  if (reduction !== 'mean') return reduce(losses, reduction);
  let denom: Tensor | number = target.shape[0];
  if (wy || mask) denom = (wy && mask ? wy.mul(mask) : (wy ?? mask)!).sum();
  return losses.sum().div(denom);
}

/**
 * Cross entropy from raw logits `[N, C]`, computed stably through log-softmax (or the
 * backend's fused kernel): targets are int32 class indices `[N]`, or class probabilities
 * `[N, C]`. Supports class weights, `ignoreIndex` and label smoothing, as PyTorch.
 *
 * @example new CrossEntropyLoss().call(logits, labels) // scalar
 */
export class CrossEntropyLoss extends Loss {
  readonly labelSmoothing: number;
  constructor(readonly options: ClassLossOptions & { labelSmoothing?: number } = {}) {
    super(options);
    this.labelSmoothing = options.labelSmoothing ?? 0;
    if (!(this.labelSmoothing >= 0 && this.labelSmoothing <= 1)) {
      throw new ValueError(`CrossEntropyLoss: labelSmoothing must be in [0, 1], got ${this.labelSmoothing}`);
    }
  }

  forward(input: Tensor, target: Tensor): Tensor {
    checkLogits('CrossEntropyLoss', input, target);
    const o = this.options;
    const eps = this.labelSmoothing;
    return tidy(() => {
      if (target.dtype !== 'int32') {
        sameShape('CrossEntropyLoss', input, target);
        const c = input.shape[1];
        const probs = eps > 0 ? target.mul(1 - eps).add(eps / c) : target;
        const logp = input.logSoftmax(1);
        const per = (o.weight ? logp.mul(o.weight) : logp).mul(probs).sum(1).neg();
        return reduce(per, this.reduction);
      }
      if (target.ndim !== 1) throw new ShapeError(`CrossEntropyLoss: class-index target must be [N], got ${formatShape(target.shape)}`);
      if (!o.weight && o.ignoreIndex === undefined && eps === 0) return reduce(softmaxCrossEntropy(input, target), this.reduction);
      return indexNll(input.logSoftmax(1), target, o, this.reduction, eps);
    });
  }

  override extraRepr(): string {
    return `reduction='${this.reduction}', labelSmoothing=${this.labelSmoothing}`;
  }
}

/** Negative log-likelihood of int32 class indices `[N]` given log-probabilities `[N, C]`. */
export class NLLLoss extends Loss {
  constructor(readonly options: ClassLossOptions = {}) {
    super(options);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    checkLogits('NLLLoss', input, target);
    if (target.dtype !== 'int32' || target.ndim !== 1) {
      throw new DTypeError(`NLLLoss: target must be int32 class indices [N], got ${target.dtype} ${formatShape(target.shape)}`);
    }
    return tidy(() => indexNll(input, target, this.options, this.reduction, 0));
  }
}

/**
 * Binary cross entropy from logits, in the stable form
 * `max(x, 0) − x·y + log(1 + e^(−|x|))`, with an optional positive-class weight.
 */
export class BCEWithLogitsLoss extends Loss {
  constructor(readonly options: { reduction?: Reduction; posWeight?: Tensor } = {}) {
    super(options);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    sameShape('BCEWithLogitsLoss', input, target);
    const pw = this.options.posWeight;
    return tidy(() => {
      const softTail = input.abs().neg().exp().log1p();
      if (!pw) return reduce(input.relu().sub(input.mul(target)).add(softTail), this.reduction);
      // (1 − y)·x + (1 + (pw − 1)·y)·(log(1 + e^(−|x|)) + max(−x, 0))
      const coef = pw.sub(1).mul(target).add(1);
      const per = target.neg().add(1).mul(input).add(coef.mul(softTail.add(input.neg().relu())));
      return reduce(per, this.reduction);
    });
  }
}
