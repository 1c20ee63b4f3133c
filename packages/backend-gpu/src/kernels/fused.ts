import { DTypeError, type FusedActivation, formatShape, ShapeError, ValueError, type View } from '@nnkit/core';
import { loopBucket } from '../coalesce.js';
import { isNan, kernelSource, unflatten } from '../codegen.js';
import type { GpuContext } from '../context.js';
import type { KernelArg } from '../device.js';
import type { Version } from '../version.js';

/** `act(x · wᵀ + b)` for x `[N, K]`, w `[M, K]`, b `[M]` or null → `[N, M]`, in one kernel. */
export function linear(ctx: GpuContext, x: View, w: View, b: View | null, activation: FusedActivation): Version {
  const xv = ctx.input(x, 'linear');
  const wv = ctx.input(w, 'linear');
  const bv = b === null ? null : ctx.input(b, 'linear');
  if (x.dtype !== 'float32' || w.dtype !== 'float32' || (b !== null && b.dtype !== 'float32')) {
    throw new DTypeError(`${ctx.name}: linear: operands must be float32`);
  }
  if (activation !== 'none' && activation !== 'relu') throw new ValueError(`linear: unknown activation '${String(activation)}'`);
  const [n, k] = x.shape;
  const [m, k2] = w.shape;
  if (x.shape.length !== 2 || w.shape.length !== 2 || k !== k2 || (b !== null && (b.shape.length !== 1 || b.shape[0] !== m))) {
    const bias = b === null ? '' : ` + ${formatShape(b.shape)}`;
    throw new ShapeError(`linear: cannot apply weight ${formatShape(w.shape)}${bias} to input ${formatShape(x.shape)} (want x [N,K], w [M,K], b [M])`);
  }
  const bound = loopBucket(k);
  const source = (): string => {
    const lines = [
      ...unflatten('fi', ['n0', 'n1'], 'o'),
      'let xi = Xo + o0 * xs0;',
      'let wi = Wo + o1 * ws0;',
      'let acc = 0.0;',
      'for (let j = 0; j < K; j++) {',
      'acc = acc + X[xi] * W[wi];',
      'xi = xi + xs1;',
      'wi = wi + ws1;',
      '}',
    ];
    if (b !== null) lines.push('acc = acc + B[Bo + o1 * bs0];');
    if (activation === 'relu') lines.push('if (acc < 0.0) { acc = 0.0; }');
    lines.push('return acc;');
    const strides = ['K', 'n0', 'n1', 'xs0', 'xs1', 'ws0', 'ws1'];
    return b === null ? kernelSource(['X', 'W', 'Xo', 'Wo', ...strides], lines) : kernelSource(['X', 'W', 'B', 'Xo', 'Wo', 'Bo', ...strides, 'bs0'], lines);
  };
  const sizes = [k, n, m, x.strides[0], x.strides[1], w.strides[0], w.strides[1]];
  const args: KernelArg[] = bv === null || b === null ? [xv, wv, x.offset, w.offset, ...sizes] : [xv, wv, bv, x.offset, w.offset, b.offset, ...sizes, b.strides[0]];
  const key = `linear:${activation}:${b === null ? 'nobias' : 'bias'}:${bound}`;
  return ctx.device.run({ key, source, maxLoop: bound, dynamic: true }, n * m, args);
}

/** Per-row `logsumexp(row) - row[label]` for logits `[N, C]` and int32 labels `[N]`. */
export function softmaxCrossEntropy(ctx: GpuContext, logits: View, labels: View): Version {
  const lv = ctx.input(logits, 'softmaxCrossEntropy');
  const yv = ctx.input(labels, 'softmaxCrossEntropy');
  if (logits.dtype !== 'float32') throw new DTypeError(`${ctx.name}: softmaxCrossEntropy: logits must be float32, got ${logits.dtype}`);
  if (labels.dtype !== 'int32') throw new DTypeError(`${ctx.name}: softmaxCrossEntropy: labels must be int32, got ${labels.dtype}`);
  const [n, c] = logits.shape;
  if (logits.shape.length !== 2 || labels.shape.length !== 1 || labels.shape[0] !== n) {
    throw new ShapeError(`softmaxCrossEntropy: logits ${formatShape(logits.shape)} and labels ${formatShape(labels.shape)} do not fit (want [N,C] and [N])`);
  }
  if (c === 0 && n > 0) throw new ValueError('softmaxCrossEntropy: logits have no classes');
  const bound = loopBucket(c);
  const source = (): string =>
    kernelSource(['L', 'Y', 'Lo', 'Yo', 'C', 'ls0', 'ls1', 'ys0', 'pinf', 'pnan'], [
      'let base = Lo + fi * ls0;',
      'let mx = -pinf;',
      'let bad = 0.0;',
      `for (let j = 0; j < C; j++) { let v = L[base + j * ls1]; if (v > mx) { mx = v; } if (${isNan('v')}) { bad = 1.0; } }`,
      'let s = 0.0;',
      // Distinct loop names: gpu.js hoists the counter of a loop with a variable bound.
      'for (let k = 0; k < C; k++) { s = s + Math.exp(L[base + k * ls1] - mx); }',
      'let t = Y[Yo + fi * ys0];',
      'let tt = Math.min(Math.max(t, 0.0), C - 1.0);',
      'let loss = Math.log(s) + mx - L[base + tt * ls1];',
      'if (t < 0.0 || t >= C || bad == 1.0 || mx == pinf) { loss = pnan; }',
      'return loss;',
    ]);
  const args = [lv, yv, logits.offset, labels.offset, c, logits.strides[0], logits.strides[1], labels.strides[0], Infinity, NaN];
  return ctx.device.run({ key: `softmaxCrossEntropy:${bound}`, source, maxLoop: bound, dynamic: true }, n, args);
}
