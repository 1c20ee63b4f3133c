import type { AdamStepOptions, SgdStepOptions } from '@nnkit/core';

/** One SGD step in float64 (PyTorch's `sgd`): the new parameter and momentum buffer. */
export function sgdStepRef(p: readonly number[], grad: readonly number[], buf: readonly number[] | null, o: SgdStepOptions): { p: number[]; buf: number[] | null } {
  const g = grad.map((gi, i) => (o.maximize ? -gi : gi) + o.weightDecay * p[i]);
  const b = buf === null ? null : g.map((gi, i) => (o.first ? gi : o.momentum * buf[i] + (1 - o.dampening) * gi));
  const step = b === null ? g : g.map((gi, i) => (o.nesterov ? gi + o.momentum * b[i] : b[i]));
  return { p: p.map((pi, i) => pi - o.lr * step[i]), buf: b };
}

/** One Adam / AdamW step in float64 (PyTorch's `adam`): the new parameter and state. */
export function adamStepRef(
  p: readonly number[],
  grad: readonly number[],
  m: readonly number[],
  v: readonly number[],
  vmax: readonly number[] | null,
  o: AdamStepOptions,
): { p: number[]; m: number[]; v: number[]; vmax: number[] | null } {
  const theta = p.map((pi) => (o.decoupled ? pi * (1 - o.lr * o.weightDecay) : pi));
  const g = grad.map((gi, i) => (o.maximize ? -gi : gi) + (o.decoupled ? 0 : o.weightDecay * p[i]));
  const m2 = m.map((mi, i) => o.beta1 * mi + (1 - o.beta1) * g[i]);
  const v2 = v.map((vi, i) => o.beta2 * vi + (1 - o.beta2) * g[i] * g[i]);
  const vmax2 = vmax === null ? null : vmax.map((x, i) => Math.max(x, v2[i]));
  const second = vmax2 ?? v2;
  const stepSize = o.lr / (1 - o.beta1 ** o.step);
  const bias2Sqrt = Math.sqrt(1 - o.beta2 ** o.step);
  return { p: theta.map((t, i) => t - (stepSize * m2[i]) / (Math.sqrt(second[i]) / bias2Sqrt + o.eps)), m: m2, v: v2, vmax: vmax2 };
}
