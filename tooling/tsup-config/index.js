// Shared tsup settings: ESM + bundled .d.ts, one entry per package unless told otherwise.
// The .d.ts build drops the `paths` that tests and typecheck use: other workspace packages
// must resolve to their published types, not be inlined from their sources.
import { defineConfig } from 'tsup';

/** @param {Partial<import('tsup').Options>} [options] */
export function nnkitTsupConfig(options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: { compilerOptions: { paths: {} } },
    clean: true,
    sourcemap: true,
    target: 'es2022',
    treeshake: true,
    ...options,
  });
}
