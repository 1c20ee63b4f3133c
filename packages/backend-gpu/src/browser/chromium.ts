import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CHROMIUM, CHROMIUM_ARGS } from '@nnkit/vitest-config/chromium';
import { type Browser, chromium, type Page } from 'playwright-core';

/*
 * Test-only helpers shared by the browser tests: bundle a page script with esbuild, serve it
 * on 127.0.0.1 and open it in headless Chromium with the flags that give gpu.js real WebGL2
 * and WebGPU (on SwiftShader, Chromium's CPU GPU, where the machine has no GPU; the flags and
 * the Chromium check are @nnkit/vitest-config's, shared with the playground's e2e test).
 */

const src = (pkg: string): string => fileURLToPath(new URL(`../../../${pkg}/src/index.ts`, import.meta.url));

/**
 * Bundles `entry` (a path relative to this folder) for the browser. Workspace packages come
 * from their sources, as in vitest; `vitest` itself becomes the in-page shim.
 */
export async function bundle(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    alias: {
      '@nnkit/core': src('core'),
      '@nnkit/tensor': src('tensor'),
      '@nnkit/autograd': src('autograd'),
      '@nnkit/conformance': src('conformance'),
      '@nnkit/backend-cpu': src('backend-cpu'),
      vitest: fileURLToPath(new URL('./vitest-shim.ts', import.meta.url)),
    },
    logLevel: 'error',
  });
  return out.outputFiles[0].text;
}

/** A page in headless Chromium with `script` loaded, and how to close it all. */
export interface OpenPage {
  readonly page: Page;
  close(): Promise<void>;
}

/** Serves `script` on 127.0.0.1 (WebGPU needs a secure context, which about:blank is not) and opens it. */
export async function openPage(script: string): Promise<OpenPage> {
  const server: Server = createServer((req, res) => {
    const js = req.url === '/page.js';
    res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
    res.end(js ? script : '<!doctype html><script src="/page.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no server address');
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${address.port}/`);
    const opened = browser;
    return {
      page,
      async close() {
        await opened.close();
        server.close();
      },
    };
  } catch (e) {
    await browser?.close();
    server.close();
    throw e;
  }
}
