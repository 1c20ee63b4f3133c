import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';

/*
 * Test-only helpers shared by the browser tests: bundle a page script with esbuild, serve it
 * on 127.0.0.1 and open it in headless Chromium with the flags that give gpu.js real WebGL2
 * and WebGPU (on SwiftShader, Chromium's CPU GPU, where the machine has no GPU).
 */

/** Where Chromium is looked for (`$NNKIT_CHROMIUM` overrides). */
export const CHROMIUM = process.env.NNKIT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * True when Chromium exists. Without it a browser test is skipped on a developer machine and
 * throws under `CI`, where it must run.
 */
export function chromiumPresent(file: string): boolean {
  const present = existsSync(CHROMIUM);
  if (!present && process.env.CI) throw new Error(`${file}: Chromium is required under CI but ${CHROMIUM} does not exist`);
  if (!present) console.warn(`${file}: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  return present;
}

const ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
  '--use-angle=swiftshader',
  '--use-webgpu-adapter=swiftshader',
];

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
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
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
