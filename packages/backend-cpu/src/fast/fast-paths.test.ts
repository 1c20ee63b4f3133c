import { Generator, contiguousStrides, type View } from '@nnkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../cpu-backend.js';

const fast = createCpuBackend({ name: 'cpu-fast' });
const fastOneThread = createCpuBackend({ name: 'cpu-fast-1', threads: 1 });
const ref = createCpuBackend({ name: 'cpu-ref', wasm: false });
afterAll(() => [fast, fastOneThread, ref].forEach((b) => b.dispose()));

const g = new Generator(3);
const randomValues = (n: number) => Float32Array.from({ length: n }, () => g.nextNormal());

type B = ReturnType<typeof createCpuBackend>;
function view(b: B, values: Float32Array | Int32Array, shape: number[], dtype: 'float32' | 'int32' = 'float32', strides = contiguousStrides(shape)): View {
  return { data: b.upload(values, dtype), dtype, shape, strides, offset: 0 };
}

/** Max |got − want| / (1 + |want|), the relative error float32 accumulation may add. */
function maxError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (1 + Math.abs(want[i])));
  return worst;
}

describe('the WebAssembly fast paths agree with the reference kernels', () => {
  const shapes: [number, number, number, boolean, boolean][] = [
    [128, 256, 784, false, true], // forward of the MNIST MLP: x · Wᵀ
    [128, 784, 256, false, false], // dX = dY · W
    [256, 784, 128, true, false], // dW = dYᵀ · X
    [33, 17, 129, true, true],
    [1, 300, 64, false, false],
  ];
  for (const [m, n, k, ta, tb] of shapes) {
    it(`matmul ${m}×${k}${ta ? 'ᵀ' : ''} · ${k}×${n}${tb ? 'ᵀ' : ''}`, () => {
      const a = randomValues(m * k);
      const b = randomValues(k * n);
      for (const backend of [fast, fastOneThread]) {
        const va = (be: B) => (ta ? view(be, a, [m, k], 'float32', [1, m]) : view(be, a, [m, k]));
        const vb = (be: B) => (tb ? view(be, b, [k, n], 'float32', [1, k]) : view(be, b, [k, n]));
        const got = backend.readSync(backend.matmul(va(backend), vb(backend), 'float32'));
        const want = ref.readSync(ref.matmul(va(ref), vb(ref), 'float32'));
        expect(maxError(got, want)).toBeLessThan(1e-5 * Math.sqrt(k));
      }
    });
  }

  it('batched matmul with a broadcast batch dim', () => {
    const a = randomValues(3 * 40 * 50);
    const b = randomValues(40 * 50 * 0 + 50 * 60);
    const got = fast.readSync(fast.matmul(view(fast, a, [3, 40, 50]), view(fast, b, [3, 50, 60], 'float32', [0, 60, 1]), 'float32'));
    const want = ref.readSync(ref.matmul(view(ref, a, [3, 40, 50]), view(ref, b, [3, 50, 60], 'float32', [0, 60, 1]), 'float32'));
    expect(maxError(got, want)).toBeLessThan(1e-4);
  });

  it('fused linear (+ relu) equals matmul with the transposed weight, plus bias', () => {
    const [n, k, m] = [64, 100, 30];
    const x = randomValues(n * k);
    const w = randomValues(m * k);
    const bias = randomValues(m);
    for (const act of ['none', 'relu'] as const) {
      const got = fast.readSync(fast.fused!.linear!(view(fast, x, [n, k]), view(fast, w, [m, k]), view(fast, bias, [m]), act));
      const prod = ref.readSync(ref.matmul(view(ref, x, [n, k]), view(ref, w, [k, m], 'float32', [1, k]), 'float32'));
      const want = Array.from(prod, (v, i) => (act === 'relu' ? Math.max(0, v + bias[i % m]) : v + bias[i % m]));
      expect(maxError(got, want)).toBeLessThan(1e-4);
    }
    const f64 = fast.fused!.linear!(
      { data: fast.upload(Float64Array.from(x), 'float64'), dtype: 'float64', shape: [n, k], strides: [k, 1], offset: 0 },
      { data: fast.upload(Float64Array.from(w), 'float64'), dtype: 'float64', shape: [m, k], strides: [k, 1], offset: 0 },
      null,
      'none',
    );
    expect(f64.dtype).toBe('float64');
  });

  it('fused softmax cross entropy is logsumexp(row) − row[label], and names a bad label', () => {
    const logits = Float32Array.of(1, 2, 3, 1000, 0, -1000);
    const got = fast.readSync(fast.fused!.softmaxCrossEntropy!(view(fast, logits, [2, 3]), view(fast, Int32Array.of(2, 0), [2], 'int32')));
    const lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    expect(got[0]).toBeCloseTo(lse - 3, 5);
    expect(got[1]).toBeCloseTo(0, 5);
    expect(() => fast.fused!.softmaxCrossEntropy!(view(fast, logits, [2, 3]), view(fast, Int32Array.of(2, 7), [2], 'int32'))).toThrow(
      'softmaxCrossEntropy: label 7 of row 1 is outside 0…2',
    );
  });
});
