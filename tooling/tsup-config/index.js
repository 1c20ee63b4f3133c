// Shared tsup settings: ESM + bundled .d.ts, one entry per package unless told otherwise.
import { defineConfig } from 'tsup';

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
    ...options,
  });
}
