import { BackendError, DTypeError, Generator, ShapeError, ValueError } from '@nnkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createWasmGemm, type WasmGemm } from './create-wasm-gemm.js';
import type { OutputMatrix, SgemmOptions, StridedMatrix } from './gemm-operands.js';

/** Values in [-0.5, 0.5) from core's seeded generator, so failures reproduce. */
function rng(seed: number): () => number {
  const g = new Generator(seed);
  return () => g.nextFloat() - 0.5;
}

/** `wide*`: a few rows/columns of a much larger matrix, so the operand is gathered, not copied whole. */
type Layout = 'rowMajor' | 'colMajor' | 'padded' | 'wideRows' | 'wideCols';

/** A rows×cols matrix stored in `layout`, behind a random offset, with its float64 values. */
function matrix(
  rows: number,
  cols: number,
  layout: Layout,
  next: () => number,
): { view: StridedMatrix; at: (i: number, j: number) => number } {
  const offset = Math.floor((next() + 0.5) * 5);
  const strides: Record<Layout, [number, number]> = {
    rowMajor: [cols, 1],
    colMajor: [1, rows],
    padded: [cols + 3, 1],
    wideRows: [5 * cols + 7, 1],
    wideCols: [1, 5 * rows + 7],
  };
  const [rs, cs] = strides[layout];
  const data = new Float32Array(offset + (rows - 1) * rs + (cols - 1) * cs + 3);
  for (let i = 0; i < data.length; i++) data[i] = next();
  const at = (i: number, j: number): number => data[offset + i * rs + j * cs];
  return { view: { data, offset, rowStride: rs, colStride: cs }, at };
}

/** A dense row-major view. */
const dense = (values: number[], cols: number): StridedMatrix => ({
  data: new Float32Array(values),
  rowStride: cols,
  colStride: 1,
});

/** Runs one sgemm and checks every element against a float64 reference. */
function check(g: WasmGemm, m: number, n: number, k: number, la: Layout, lb: Layout, opts: SgemmOptions, seed: number): void {
  const next = rng(seed);
  const a = matrix(m, k, la, next);
  const b = matrix(k, n, lb, next);
  const cOff = 2;
  const ldc = n + 1;
  const cData = new Float32Array(cOff + m * ldc).map(() => next());
  const before = cData.slice();
  const c: OutputMatrix = { data: cData, offset: cOff, rowStride: ldc };
  g.sgemm(m, n, k, a.view, b.view, c, opts);
  const tol = 1e-5 * Math.sqrt(Math.max(k, 1));
  const want = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const av = a.at(i, p);
      for (let j = 0; j < n; j++) {
        const prod = av * b.at(p, j);
        want[i * n + j] += prod;
        scale[i * n + j] += Math.abs(prod);
      }
    }
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const old = before[cOff + i * ldc + j];
      let w = want[i * n + j] + (opts.accumulate ? old : 0);
      if (opts.bias) w += opts.bias[(opts.biasOffset ?? 0) + j];
      if (opts.relu) w = Math.max(w, 0);
      const got = cData[cOff + i * ldc + j];
      if (!(Math.abs(got - w) <= tol * (scale[i * n + j] + Math.abs(old) + 1))) {
        throw new Error(`[${m}x${k}]·[${k}x${n}] ${la}/${lb}: C[${i},${j}] = ${got}, want ${w}`);
      }
    }
  }
  // Nothing outside the m×n window of C may change (padding columns, the offset).
  for (let i = 0; i < cData.length; i++) {
    const inside = i >= cOff && (i - cOff) % ldc < n && Math.floor((i - cOff) / ldc) < m;
    if (!inside) expect(cData[i]).toBe(before[i]);
  }
}

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 17, 3],
  [3, 1, 17],
  [2, 16, 4],
  [17, 33, 129],
  [129, 3, 17],
  [64, 64, 64],
  [65, 130, 257],
  [128, 256, 784],
  [200, 48, 513],
];
const LAYOUTS: [Layout, Layout][] = [
  ['rowMajor', 'rowMajor'],
  ['colMajor', 'rowMajor'],
  ['rowMajor', 'colMajor'],
  ['padded', 'padded'],
  ['colMajor', 'colMajor'],
  ['wideRows', 'wideCols'],
  ['wideCols', 'wideRows'],
];

describe.each([
  { threads: 1, label: 'one thread' },
  { threads: 2, label: 'two threads' },
])('createWasmGemm, $label', ({ threads }) => {
  // parallelFlops 0: every call goes through the task queue that the workers share.
  const g = createWasmGemm({ threads, parallelFlops: 0 });
  afterAll(() => g.dispose());

  it('starts the requested threads', async () => {
    await g.ready();
    expect(g.threads).toBe(threads);
    expect(g.shared).toBe(threads > 1);
  });

  it.each(LAYOUTS)('matches float64 for A %s, B %s on odd and MLP shapes', (la, lb) => {
    SHAPES.forEach(([m, n, k], s) => check(g, m, n, k, la, lb, {}, 100 * s + la.length + 7 * lb.length));
  });

  it('applies bias and ReLU after the whole K sum, and accumulates into C', () => {
    const next = rng(5);
    const bias = Float32Array.from({ length: 300 }, () => next());
    SHAPES.forEach(([m, n, k], s) => {
      check(g, m, n, k, 'rowMajor', 'colMajor', { bias, biasOffset: 7, relu: true }, s);
      check(g, m, n, k, 'colMajor', 'rowMajor', { accumulate: true }, s + 50);
      check(g, m, n, k, 'padded', 'rowMajor', { accumulate: true, bias, relu: true }, s + 90);
    });
  });

  it('handles k = 0 (epilogue only), empty outputs and broadcast operands', () => {
    const bias = new Float32Array([1, -2, 3]);
    const c = new Float32Array([5, 5, 5, 5, 5, 5]);
    const none = { data: new Float32Array(0), rowStride: 0, colStride: 0 };
    g.sgemm(2, 3, 0, none, none, { data: c, rowStride: 3 }, { bias, relu: true, accumulate: true });
    expect(Array.from(c)).toEqual([6, 3, 8, 6, 3, 8]);
    g.sgemm(0, 3, 4, none, { data: new Float32Array(12), rowStride: 3, colStride: 1 }, { data: c, rowStride: 3 });
    expect(Array.from(c)).toEqual([6, 3, 8, 6, 3, 8]);
    // A row broadcast to 5 rows (row stride 0) times B.
    const out = new Float32Array(5 * 2);
    g.sgemm(5, 2, 2, { ...dense([1, 2], 2), rowStride: 0 }, dense([1, 0, 0, 1], 2), { data: out, rowStride: 2 });
    expect(Array.from(out)).toEqual([1, 2, 1, 2, 1, 2, 1, 2, 1, 2]);
  });

  it(threads > 1 ? 'shares the work with the workers' : 'runs everything on the caller', () => {
    const tries = threads > 1 ? 50 : 1; // a loaded machine may let the caller finish alone
    for (let i = 0; i < tries && g.workerTasks === 0; i++) check(g, 300, 300, 300, 'rowMajor', 'rowMajor', {}, i);
    if (threads > 1) expect(g.workerTasks).toBeGreaterThan(0);
    else expect(g.workerTasks).toBe(0);
  });

  it('keeps NaN through ReLU and clamps -Infinity to 0', () => {
    const c = new Float32Array(2);
    g.sgemm(2, 1, 2, dense([Number.NaN, 1, -Infinity, 1], 2), dense([1, 1], 1), { data: c, rowStride: 1 }, { relu: true });
    expect(Number.isNaN(c[0])).toBe(true);
    expect(c[1]).toBe(0);
  });

  it('ignores the stride of a dimension of size 1, however large', () => {
    const a = { ...dense([1, 2, 3], 3), rowStride: 2 ** 30 };
    const b = { ...dense([1, 10, 100], 1), colStride: 2 ** 30 };
    const c = new Float32Array(1);
    g.sgemm(1, 1, 3, a, b, { data: c, rowStride: 2 ** 30 });
    expect(c[0]).toBe(321);
  });

  it('lets C alias an input and keeps working as the memory grows', () => {
    const x = new Float32Array([1, 2, 3, 4]);
    g.sgemm(2, 2, 2, { data: x, rowStride: 2, colStride: 1 }, { data: x, rowStride: 2, colStride: 1 }, { data: x, rowStride: 2 });
    expect(Array.from(x)).toEqual([7, 10, 15, 22]);
    check(g, 700, 40, 900, 'rowMajor', 'rowMajor', {}, 3);
    check(g, 9, 9, 9, 'rowMajor', 'rowMajor', {}, 4);
  });
});

describe('createWasmGemm in a synchronous loop', () => {
  it('gets its workers without the event loop turning (Node with process.getBuiltinModule)', () => {
    const g = createWasmGemm({ threads: 2, parallelFlops: 0 });
    try {
      const a = dense(Array.from({ length: 64 * 64 }, (_, i) => i % 7), 64);
      const c = new Float32Array(64 * 64);
      const until = performance.now() + 10_000;
      // No await anywhere: the workers must start and be counted on their own.
      while (g.workerTasks === 0 && performance.now() < until) g.sgemm(64, 64, 64, a, a, { data: c, rowStride: 64 });
      const sync = typeof (process as { getBuiltinModule?: unknown }).getBuiltinModule === 'function';
      expect(g.threads).toBe(sync ? 2 : 1);
      expect(g.workerTasks > 0).toBe(sync);
    } finally {
      g.dispose();
    }
  });
});

describe('createWasmGemm errors', () => {
  const g = createWasmGemm({ threads: 1 });
  const a = { data: new Float32Array(6), rowStride: 3, colStride: 1 };
  const c = { data: new Float32Array(4), rowStride: 2 };

  it('names the operand and the problem', () => {
    expect(() => g.sgemm(2, 2, 3, a, { data: new Float32Array(5), rowStride: 2, colStride: 1 }, c)).toThrow(
      new ShapeError('sgemm: B [3, 2] at offset 0 with strides [2, 1] needs 6 elements, but its data has 5'),
    );
    expect(() => g.sgemm(2, 2, 3, a, a, c)).toThrow(ShapeError);
    expect(() => g.sgemm(-1, 2, 3, a, a, c)).toThrow(ValueError);
    expect(() => g.sgemm(2, 2, 1.5, a, a, c)).toThrow(ValueError);
    expect(() => g.sgemm(2, 2, 3, { ...a, rowStride: -1 }, a, c)).toThrow(ValueError);
    const f64 = { data: new Float64Array(6) as unknown as Float32Array, rowStride: 3, colStride: 1 };
    expect(() => g.sgemm(2, 2, 3, f64, a, c)).toThrow(new DTypeError('sgemm: A must be a Float32Array, got Float64Array'));
    expect(() => g.sgemm(2, 2, 1, a, a, { data: c.data, rowStride: 1 })).toThrow(ValueError);
    expect(() => g.sgemm(2, 2, 1, a, a, c, { bias: new Float32Array(1) })).toThrow(ShapeError);
    expect(() => createWasmGemm({ threads: 0 })).toThrow(ValueError);
  });

  it('refuses calls after dispose', () => {
    g.dispose();
    expect(() => g.sgemm(1, 1, 1, a, a, c)).toThrow(BackendError);
  });
});
