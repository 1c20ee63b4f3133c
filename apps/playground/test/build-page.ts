import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createLogger } from 'vite';
import { afterAll } from 'vitest';
import { ISOLATION_HEADERS } from '../plugins/isolation.js';

/** The playground's folder (where vite.config.ts is). */
export const APP = fileURLToPath(new URL('..', import.meta.url));

const folders: string[] = [];
// Registered while the importing test file is collected: its build folders go when its tests are done.
afterAll(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** A production build in a fresh temporary folder, and every warning Vite logged. */
export async function buildPage(): Promise<{ outDir: string; warnings: string[] }> {
  const folder = mkdtempSync(join(tmpdir(), 'nnkit-playground-'));
  folders.push(folder);
  const outDir = join(folder, 'dist');
  const warnings: string[] = [];
  const logger = createLogger('warn', { allowClearScreen: false });
  const warn = logger.warn.bind(logger);
  logger.warn = (msg, options) => {
    warnings.push(msg);
    warn(msg, options);
  };
  await build({ root: APP, configFile: join(APP, 'vite.config.ts'), logLevel: 'warn', customLogger: logger, build: { outDir, emptyOutDir: true } });
  return { outDir, warnings };
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/**
 * Serves `dir` on 127.0.0.1 (WebGPU needs a secure context: localhost is one, a file: URL is
 * not), cross-origin isolated as the dev server is.
 */
export async function serve(dir: string): Promise<{ url: string; close(): void }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/\/$/, '/index.html');
    readFile(join(dir, path)).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', ...ISOLATION_HEADERS });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('serve: no server address');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
