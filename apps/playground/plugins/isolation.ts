/**
 * The headers that make the page cross-origin isolated, so that it gets SharedArrayBuffer and
 * the CPU backend's GEMM can split work across Web Workers. Every resource the page loads is
 * its own (same origin), so `require-corp` blocks nothing.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
