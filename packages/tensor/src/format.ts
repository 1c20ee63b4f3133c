import type { TypedArray } from '@nnkit/core';
import type { Tensor } from './tensor.js';

const EDGE = 3;
const SUMMARIZE_ABOVE = 1000;

function numberFormatter(values: TypedArray, dtype: Tensor['dtype']): (v: number) => string {
  if (dtype === 'bool') return (v) => (v ? 'True' : 'False');
  if (dtype === 'int32') return (v) => String(v);
  const finite = Array.from(values).filter((v) => Number.isFinite(v));
  const special = (v: number) => (Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf');
  const abs = finite.map(Math.abs).filter((v) => v !== 0);
  const maxAbs = abs.length ? Math.max(...abs) : 0;
  const minAbs = abs.length ? Math.min(...abs) : 0;
  const intMode = finite.every((v) => Number.isInteger(v));
  // PyTorch's rules: scientific when the range is wide or values are tiny or huge.
  const sci = intMode ? maxAbs > 1e8 : maxAbs > 1e8 || (minAbs > 0 && minAbs < 1e-4) || (minAbs > 0 && maxAbs / minAbs > 1000);
  return (v) => {
    if (!Number.isFinite(v)) return special(v);
    if (sci) return v.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
    return intMode ? `${v.toFixed(0)}.` : v.toFixed(4);
  };
}

function render(values: TypedArray, shape: readonly number[], fmt: (v: number) => string, summarize: boolean): string {
  const strs = new Map<number, string>();
  const str = (i: number) => {
    let s = strs.get(i);
    if (s === undefined) strs.set(i, (s = fmt(values[i])));
    return s;
  };
  const shown = (n: number) => (summarize && n > 2 * EDGE ? [...Array(EDGE).keys(), -1, ...Array.from({ length: EDGE }, (_, k) => n - EDGE + k)] : [...Array(n).keys()]);
  // First pass: the widest entry, so columns line up.
  let width = 0;
  const walkWidth = (dim: number, base: number, stride: number) => {
    const n = shape[dim];
    const inner = stride / n;
    for (const i of shown(n)) {
      if (i < 0) continue;
      if (dim === shape.length - 1) width = Math.max(width, str(base + i).length);
      else walkWidth(dim + 1, base + i * inner, inner);
    }
  };
  if (values.length > 0) walkWidth(0, 0, values.length);
  const build = (dim: number, base: number, stride: number, indent: number): string => {
    const n = shape[dim];
    const inner = stride / n;
    const parts = shown(n).map((i) => {
      if (i < 0) return '...';
      return dim === shape.length - 1 ? str(base + i).padStart(width) : build(dim + 1, base + i * inner, inner, indent + 1);
    });
    const sep = dim === shape.length - 1 ? ', ' : `,${'\n'.repeat(shape.length - 1 - dim)}${' '.repeat(indent + 1)}`;
    return `[${parts.join(sep)}]`;
  };
  return build(0, 0, values.length, 7);
}

/**
 * The PyTorch-style text of a tensor: `tensor([[1., 2.],\n        [3., 4.]])`, with a dtype
 * suffix for int32 / float64 and the gradient state when there is one.
 */
export function formatTensor(t: Tensor): string {
  if (t.isDisposed) return `tensor(<disposed>, shape=[${t.shape.join(', ')}], dtype=${t.dtype})`;
  const extras: string[] = [];
  if (t.dtype === 'int32' || t.dtype === 'float64') extras.push(`dtype=${t.dtype}`);
  if (t.gradFn) extras.push(`gradFn=<${t.gradFn.name}>`);
  else if (t.requiresGrad) extras.push('requiresGrad=true');
  const suffix = extras.length ? `, ${extras.join(', ')}` : '';
  if (!t.backend.capabilities.syncRead) return `tensor(<on ${t.backend.name}>, shape=[${t.shape.join(', ')}]${suffix})`;
  const values = t.dataSync();
  const fmt = numberFormatter(values, t.dtype);
  if (t.ndim === 0) return `tensor(${fmt(values[0])}${suffix})`;
  if (t.size === 0) {
    const size = t.ndim > 1 ? `, size=(${t.shape.join(', ')})` : '';
    return `tensor([]${size}${suffix})`;
  }
  return `tensor(${render(values, t.shape, fmt, t.size > SUMMARIZE_ABOVE)}${suffix})`;
}
