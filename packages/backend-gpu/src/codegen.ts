import type { DType } from '@nnkit/core';

/*
 * Kernels are generated as JavaScript source that gpu.js translates to GLSL, WGSL or plain JS.
 * Shapes, strides, offsets and loop counts arrive as arguments, so one compiled kernel serves
 * every shape and layout (compiling is what costs); only the op, the dtypes, the rank after
 * merging dims and a bucket of the loop bound are part of a kernel's cache key.
 * All index arithmetic is float32 on integers below 2^24, which every shader language does
 * exactly as long as no division is trusted to round well: see `unflatten`.
 */

/** The float literal gpu.js keeps as a float (a bare `1` would be typed as an integer). */
export function lit(n: number): string {
  if (Number.isNaN(n) || !Number.isFinite(n)) throw new RangeError(`lit: ${n} has no shader literal`);
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

/**
 * Statements that split the flat, row-major index `flat` into coordinates `${p}0`, `${p}1`, …
 * of `shape`, whose dims are literals or the names of kernel arguments. The quotient comes
 * from a rounded division and is then corrected by one step, which makes it exact for every
 * index below 2^24 whatever the shader's division accuracy.
 */
export function unflatten(flat: string, shape: readonly (number | string)[], p: string): string[] {
  const out: string[] = [];
  if (shape.length === 0) return out;
  out.push(`let ${p}r = ${flat};`);
  for (let k = shape.length - 1; k >= 1; k--) {
    const d = shape[k];
    if (d === 1) {
      out.push(`let ${p}${k} = 0.0;`);
      continue;
    }
    const n = typeof d === 'number' ? lit(d) : d;
    out.push(
      `let ${p}q${k} = Math.floor((${p}r + 0.5) / ${n});`,
      `let ${p}${k} = ${p}r - ${p}q${k} * ${n};`,
      `if (${p}${k} < 0.0) { ${p}q${k} = ${p}q${k} - 1.0; ${p}${k} = ${p}${k} + ${n}; }`,
      `if (${p}${k} >= ${n}) { ${p}q${k} = ${p}q${k} + 1.0; ${p}${k} = ${p}${k} - ${n}; }`,
      `${p}r = ${p}q${k};`,
    );
  }
  out.push(`let ${p}0 = ${p}r;`);
  return out;
}

/** Assembles a kernel: `function (params) { const i = this.thread.x; body }`. */
export function kernelSource(params: readonly string[], body: readonly string[]): string {
  return `function (${params.join(', ')}) {\nlet fi = this.thread.x * 1.0;\n${body.join('\n')}\n}`;
}

/**
 * `NaN` test that survives shader compilers allowed to assume no NaNs: WGSL on SwiftShader
 * folds `v != v` to false but keeps `v == v`.
 */
export function isNan(v: string): string {
  return `!(${v} == ${v})`;
}

/** Statements returning float `y` stored as `dtype`: int32 truncates, bool is `y ≠ 0`. */
export function storeAs(dtype: DType, y: string): string[] {
  if (dtype === 'int32') return [`return Math.trunc(${y});`];
  if (dtype === 'bool') return [`if (${y} == 0.0) { return 0.0; }`, 'return 1.0;'];
  return [`return ${y};`];
}
