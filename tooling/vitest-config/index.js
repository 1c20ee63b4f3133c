// Shared vitest settings: tests import workspace packages from their `src`, so they run
// without a build, and every package writes a JSON result that .ci/run sums up.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkgs = ['core', 'tensor', 'backend-cpu', 'backend-gpu', 'conformance', 'autograd', 'nn', 'optim', 'data'];

/** @param {import('vitest/config').UserConfig['test']} [test] */
export function nnkitVitestConfig(test = {}) {
  return defineConfig({
    resolve: {
      alias: [
        ...pkgs.map((p) => ({ find: new RegExp(`^@nnkit/${p}$`), replacement: `${root}packages/${p}/src/index.ts` })),
        { find: /^nnkit$/, replacement: `${root}packages/nnkit/src/index.ts` },
      ],
    },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      reporters: ['default', 'json'],
      outputFile: { json: '.vitest-result.json' },
      testTimeout: 60_000,
      ...test,
    },
  });
}
