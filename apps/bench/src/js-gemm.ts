/**
 * The plain-JavaScript reference: row-major `C = A·B` with the i-k-j loop order, which walks
 * B and C rows contiguously. What a framework without kernels would do.
 *
 * @example
 * jsGemm(2, 2, 2, new Float32Array([1, 2, 3, 4]), new Float32Array([5, 6, 7, 8]), new Float32Array(4));
 */
export function jsGemm(m: number, n: number, k: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
  c.fill(0, 0, m * n);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += av * b[bp + j];
    }
  }
}
