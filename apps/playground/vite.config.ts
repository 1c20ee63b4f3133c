import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { mnistSubset } from './plugins/mnist-subset.js';
import { ISOLATION_HEADERS } from './plugins/isolation.js';
import { dropNodeOnlyWarnings, nodeOnlyStubs } from './plugins/node-only.js';
import { SUBSET_SIZES } from './src/subset-files.js';

const packages = ['core', 'tensor', 'autograd', 'nn', 'optim', 'data', 'backend-cpu', 'backend-gpu'];

// Workspace packages come from their sources, as in the tests: `pnpm dev` needs no build
// of the packages, and edits to them reload the page.
export default defineConfig({
  base: './',
  resolve: {
    alias: packages.map((p) => ({ find: new RegExp(`^@nnkit/${p}$`), replacement: fileURLToPath(new URL(`../../packages/${p}/src/index.ts`, import.meta.url)) })),
  },
  plugins: [mnistSubset(SUBSET_SIZES), nodeOnlyStubs()],
  build: {
    target: 'es2022',
    // gpu.js's browser build (with its JavaScript parser) is most of the 740 kB.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: { onLog: dropNodeOnlyWarnings },
  },
  // Cross-origin isolated: the CPU backend's GEMM then uses Web Workers too.
  server: { host: '127.0.0.1', headers: { ...ISOLATION_HEADERS } },
  preview: { host: '127.0.0.1', headers: { ...ISOLATION_HEADERS } },
});
