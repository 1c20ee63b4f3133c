// Shared tsup settings: ESM + bundled .d.ts, one entry per package unless told otherwise.
// The build uses tsconfig/build.json, which has no `paths`: other workspace packages must
// resolve to their published types, not be inlined from their sources.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

const buildTsconfig = fileURLToPath(new URL('../tsconfig/build.json', import.meta.url));

/** @param {Partial<import('tsup').Options>} [options] */
export function nnkitTsupConfig(options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    treeshake: true,
    tsconfig: buildTsconfig,
    ...options,
  });
}
