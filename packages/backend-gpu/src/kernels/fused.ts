import { DTypeError, type FusedActivation, formatShape, ShapeError, ValueError, type View } from '@nnkit/core';
import { isNan, kernelSource, layoutKey, stridedIndex, unflatten } from '../codegen.js';
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
  const source = (): string => {
    const lines = [...unflatten('fi', [n, m], 'o'), 'let acc = 0.0;'];
    if (k > 0) {
      lines.push(
        `for (let j = 0; j < ${k}; j++) {`,
        `acc = acc + X[${stridedIndex('Xo', ['o0', 'j'], x.shape, x.strides)}] * W[${stridedIndex('Wo', ['o1', 'j'], w.shape, w.strides)}];`,
        '}',
      );
    }
    if (b !== null) lines.push(`acc = acc + B[${stridedIndex('Bo', ['o1'], b.shape, b.strides)}];`);
    if (activation === 'relu') lines.push('if (acc < 0.0) { acc = 0.0; }');
    lines.push('return acc;');
    return b === null ? kernelSource(['X', 'W', 'Xo', 'Wo'], lines) : kernelSource(['X', 'W', 'B', 'Xo', 'Wo', 'Bo'], lines);
  };
  const args: KernelArg[] = bv === null || b === null ? [xv, wv, x.offset, w.offset] : [xv, wv, bv, x.offset, w.offset, b.offset];
  const key = `linear:${activation}:${layoutKey(x)}:${layoutKey(w)}:${b === null ? '-' : layoutKey(b)}`;
  return ctx.device.run({ key, source, maxLoop: k }, n * m, args);
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
  const at = (col: string): string => `L[${stridedIndex('Lo', ['fi', col], logits.shape, logits.strides)}]`;
  const source = (): string =>
    kernelSource(['L', 'Y', 'Lo', 'Yo', 'pinf', 'pnan'], [
      'let mx = -pinf;',
      'let bad = 0.0;',
      `for (let j = 0; j < ${c}; j++) { let v = ${at('j')}; if (v > mx) { mx = v; } if (${isNan('v')}) { bad = 1.0; } }`,
      'let s = 0.0;',
      `for (let j = 0; j < ${c}; j++) { s = s + Math.exp(${at('j')} - mx); }`,
      `let t = Y[${stridedIndex('Yo', ['fi'], labels.shape, labels.strides)}];`,
      `let loss = Math.log(s) + mx - ${at('t')};`,
      `if (t < 0.0 || t >= ${c}.0 || bad == 1.0 || mx == pinf) { loss = pnan; }`,
      'return loss;',
    ]);
  const key = `softmaxCrossEntropy:${layoutKey(logits)}:${layoutKey(labels)}`;
  return ctx.device.run({ key, source, maxLoop: c }, n, [lv, yv, logits.offset, labels.offset, Infinity, NaN]);
}
