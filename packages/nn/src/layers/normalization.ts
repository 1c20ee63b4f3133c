import { ShapeError, formatShape, type Backend, type DType } from '@nnkit/core';
import { noGrad } from '@nnkit/autograd';
import { ones, tidy, zeros, type Tensor } from '@nnkit/tensor';
import { Module } from '../module.js';

/** Options of `BatchNorm1d` (PyTorch's defaults). */
export interface BatchNorm1dOptions {
  readonly numFeatures: number;
  readonly eps?: number;
  /** Weight of the new batch statistic in the running average (default 0.1). */
  readonly momentum?: number;
  readonly affine?: boolean;
  readonly trackRunningStats?: boolean;
  readonly dtype?: DType;
  readonly backend?: Backend;
}

/**
 * Batch normalisation over `[N, C]` or `[N, C, L]` inputs. Training uses the batch's
 * statistics and updates `running_mean` / `running_var` (unbiased) in buffers; eval uses them.
 */
export class BatchNorm1d extends Module {
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  readonly runningMean: Tensor | null;
  readonly runningVar: Tensor | null;
  readonly numBatchesTracked: Tensor | null;

  constructor(readonly options: BatchNorm1dOptions) {
    super();
    const { numFeatures: c, affine = true, trackRunningStats = true, dtype = 'float32', backend } = options;
    this.weight = this.registerParameter('weight', affine ? ones([c], { dtype, backend }) : null);
    this.bias = this.registerParameter('bias', affine ? zeros([c], { dtype, backend }) : null);
    this.runningMean = this.registerBuffer('running_mean', trackRunningStats ? zeros([c], { dtype, backend }) : null);
    this.runningVar = this.registerBuffer('running_var', trackRunningStats ? ones([c], { dtype, backend }) : null);
    this.numBatchesTracked = this.registerBuffer('num_batches_tracked', trackRunningStats ? zeros([], { dtype: 'int32', backend }) : null);
  }

  forward(x: Tensor): Tensor {
    const c = this.options.numFeatures;
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[1] !== c) {
      throw new ShapeError(`BatchNorm1d: expected input [N, ${c}] or [N, ${c}, L], got ${formatShape(x.shape)}`);
    }
    const eps = this.options.eps ?? 1e-5;
    const axes = x.ndim === 2 ? [0] : [0, 2];
    const statShape = x.ndim === 2 ? [1, c] : [1, c, 1];
    const useBatch = this.training || !this.runningMean;
    return tidy(() => {
      let mean: Tensor;
      let variance: Tensor;
      if (useBatch) {
        mean = x.mean(axes, true);
        variance = x.var(axes, { correction: 0, keepdim: true });
        if (this.training && this.runningMean && this.runningVar && this.numBatchesTracked) this.updateRunning(x, mean, variance, axes);
      } else {
        mean = this.runningMean!.reshape(statShape);
        variance = this.runningVar!.reshape(statShape);
      }
      let y = x.sub(mean).div(variance.add(eps).sqrt());
      if (this.weight && this.bias) y = y.mul(this.weight.reshape(statShape)).add(this.bias.reshape(statShape));
      return y;
    });
  }

  private updateRunning(x: Tensor, mean: Tensor, variance: Tensor, axes: number[]): void {
    const m = this.options.momentum ?? 0.1;
    const n = axes.reduce((acc, a) => acc * x.shape[a], 1);
    noGrad(() => {
      const unbiased = variance.reshape(-1).mul(n / Math.max(n - 1, 1));
      this.runningMean!.copy_(this.runningMean!.mul(1 - m).add(mean.reshape(-1).mul(m)));
      this.runningVar!.copy_(this.runningVar!.mul(1 - m).add(unbiased.mul(m)));
      this.numBatchesTracked!.copy_(this.numBatchesTracked!.add(1));
    });
  }

  override extraRepr(): string {
    const o = this.options;
    return `${o.numFeatures}, eps=${o.eps ?? 1e-5}, momentum=${o.momentum ?? 0.1}, affine=${o.affine ?? true}, trackRunningStats=${o.trackRunningStats ?? true}`;
  }
}

/** Options of `LayerNorm`. */
export interface LayerNormOptions {
  /** The trailing dims to normalise over. */
  readonly normalizedShape: number | readonly number[];
  readonly eps?: number;
  readonly elementwiseAffine?: boolean;
  readonly bias?: boolean;
  readonly dtype?: DType;
  readonly backend?: Backend;
}

/** Normalises over the last dims of each sample, with a learnable scale and shift. */
export class LayerNorm extends Module {
  readonly normalizedShape: readonly number[];
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;

  constructor(readonly options: LayerNormOptions) {
    super();
    const { normalizedShape, elementwiseAffine = true, bias = true, dtype = 'float32', backend } = options;
    this.normalizedShape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
    this.weight = this.registerParameter('weight', elementwiseAffine ? ones(this.normalizedShape, { dtype, backend }) : null);
    this.bias = this.registerParameter('bias', elementwiseAffine && bias ? zeros(this.normalizedShape, { dtype, backend }) : null);
  }

  forward(x: Tensor): Tensor {
    const k = this.normalizedShape.length;
    const tail = x.shape.slice(x.ndim - k);
    if (x.ndim < k || tail.some((d, i) => d !== this.normalizedShape[i])) {
      throw new ShapeError(`LayerNorm: input ${formatShape(x.shape)} does not end in ${formatShape(this.normalizedShape)}`);
    }
    const axes = this.normalizedShape.map((_, i) => x.ndim - k + i);
    return tidy(() => {
      const mean = x.mean(axes, true);
      const variance = x.var(axes, { correction: 0, keepdim: true });
      let y = x.sub(mean).div(variance.add(this.options.eps ?? 1e-5).sqrt());
      if (this.weight) y = y.mul(this.weight);
      if (this.bias) y = y.add(this.bias);
      return y;
    });
  }

  override extraRepr(): string {
    return `${formatShape(this.normalizedShape)}, eps=${this.options.eps ?? 1e-5}, elementwiseAffine=${this.weight !== null}`;
  }
}
