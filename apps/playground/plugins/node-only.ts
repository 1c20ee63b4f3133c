import { builtinModules } from 'node:module';
import type { BuildOptions, Plugin } from 'vite';

/*
 * @nnkit/data's and @nnkit/nn's entries re-export their Node file readers and writers next to
 * the browser code the page uses (readIdx, randperm, Module, …). These are the files that
 * import node: modules, and so reach the page's module graph through those entries.
 */
export const NODE_ONLY_FILES = [
  'packages/data/src/idx-file.ts',
  'packages/data/src/mnist-files.ts',
  'packages/data/src/worker-pool.ts',
  'packages/data/src/loader-worker.js',
  'packages/nn/src/io/atomic-write.ts',
  'packages/nn/src/io/safetensors-file.ts',
];

const fromNodeOnlyFile = (importer: string | undefined): boolean =>
  importer !== undefined && NODE_ONLY_FILES.some((file) => importer.replaceAll('\\', '/').endsWith(`/${file}`));

const isBuiltin = (id: string): boolean => id.startsWith('node:') || builtinModules.includes(id);

const PREFIX = '\0nnkit-node-only:';

/**
 * `vite dev` serves modules unbundled, so it evaluates those files, and Vite's stand-in for a
 * Node module throws as soon as a named import is read: the page would die at load. In dev
 * this plugin gives those files (and only those) stand-ins whose functions throw when
 * called, naming the function: the page never calls them. `vite build` needs no stand-in:
 * the files are tree-shaken away (sideEffects: false), which test/bundle.test.ts checks.
 */
export function nodeOnlyStubs(): Plugin {
  return {
    name: 'nnkit-node-only-stubs',
    apply: 'serve',
    enforce: 'pre',
    resolveId(source, importer) {
      return isBuiltin(source) && fromNodeOnlyFile(importer) ? `${PREFIX}${source}` : null;
    },
    async load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const name = id.slice(PREFIX.length);
      const exports = Object.keys((await import(name)) as object).filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k));
      const lines = exports.map((k) => `export const ${k} = stub(${JSON.stringify(`${name}.${k}`)});`);
      return [
        'const stub = (what) => () => { throw new Error(`${what} is Node-only: the nnkit playground page cannot use it`); };',
        ...lines,
        'export default {};',
      ].join('\n');
    },
  };
}

/**
 * `vite build` warns once per node: import of those files, although none reaches the bundle.
 * This drops exactly those warnings; any other file that pulls in Node still warns.
 */
export const dropNodeOnlyWarnings: NonNullable<NonNullable<BuildOptions['rolldownOptions']>['onLog']> = (level, log, handler) => {
  const expected = /has been externalized for browser compatibility/.test(log.message) && NODE_ONLY_FILES.some((file) => log.message.includes(`/${file}"`));
  if (level === 'warn' && expected) return;
  handler(level, log);
};
