import { type DType, isContiguous, type Shape, type View } from '@nnkit/core';

/*
 * Kernels are generated as JavaScript source that gpu.js translates to GLSL, WGSL or plain JS.
 * Shapes and strides are baked in as literals (they are part of the kernel's cache key);
 * offsets and scalar operands arrive as arguments so that slicing in a loop does not recompile.
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
 * of `shape`. The quotient comes from a rounded division and is then corrected by one step,
 * which makes it exact for every index below 2^24 whatever the shader's division accuracy.
 */
export function unflatten(flat: string, shape: Shape, p: string): string[] {
  const out: string[] = [];
  if (shape.length === 0) return out;
  out.push(`let ${p}r = ${flat};`);
  for (let k = shape.length - 1; k >= 1; k--) {
    const d = shape[k];
    if (d === 1) {
      out.push(`let ${p}${k} = 0.0;`);
      continue;
    }
    out.push(
      `let ${p}q${k} = Math.floor((${p}r + 0.5) / ${lit(d)});`,
      `let ${p}${k} = ${p}r - ${p}q${k} * ${lit(d)};`,
      `if (${p}${k} < 0.0) { ${p}q${k} = ${p}q${k} - 1.0; ${p}${k} = ${p}${k} + ${lit(d)}; }`,
      `if (${p}${k} >= ${lit(d)}) { ${p}q${k} = ${p}q${k} + 1.0; ${p}${k} = ${p}${k} - ${lit(d)}; }`,
      `${p}r = ${p}q${k};`,
    );
  }
  out.push(`let ${p}0 = ${p}r;`);
  return out;
}

/** The names `unflatten` gives the coordinates. */
export function coordNames(rank: number, p: string): string[] {
  return Array.from({ length: rank }, (_, k) => `${p}${k}`);
}

/** `offset + c0*s0 + c1*s1 + …`, leaving out broadcast (stride-0) and size-1 dimensions. */
export function stridedIndex(offset: string, coords: readonly string[], shape: Shape, strides: readonly number[]): string {
  const terms = [offset];
  for (let k = 0; k < coords.length; k++) {
    if (strides[k] === 0 || shape[k] === 1) continue;
    terms.push(strides[k] === 1 ? coords[k] : `${coords[k]} * ${lit(strides[k])}`);
  }
  return terms.join(' + ');
}

/** A view's layout as a cache-key fragment (the offset is an argument, not part of it). */
export function layoutKey(v: View): string {
  return `${v.shape.join('x')}/${v.strides.join(',')}`;
}

/** Assembles a kernel: `function (params) { const i = this.thread.x; body }`. */
export function kernelSource(params: readonly string[], body: readonly string[]): string {
  return `function (${params.join(', ')}) {\nlet fi = this.thread.x * 1.0;\n${body.join('\n')}\n}`;
}

/**
 * Reads element `coords` of view argument `name` (its offset is argument `${name}o`). A
 * contiguous view is read at `offset + fi`, the flat output index, when `flatOk` says the
 * kernel's output walks the same shape.
 */
export function readView(name: string, v: View, coords: readonly string[], flatOk = false): string {
  if (flatOk && isContiguous(v.shape, v.strides)) return `${name}[${name}o + fi]`;
  return `${name}[${stridedIndex(`${name}o`, coords, v.shape, v.strides)}]`;
}

/** True when some view needs real coordinates (is not contiguous). */
export function needsCoords(views: readonly View[]): boolean {
  return views.some((v) => !isContiguous(v.shape, v.strides));
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
