import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserRun } from './checks/browser-entry.js';
import { kernelChecks } from './checks/index.js';

// The same kernel checks as backend.test.ts, in headless Chromium, where gpu.js runs real
// WebGL2 shaders and WGSL compute shaders (on SwiftShader, Chromium's CPU GPU, on a machine
// without one). Skipped only on a developer machine without Chromium; under CI it must run.
const CHROMIUM = process.env.NNKIT_CHROMIUM ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present && process.env.CI) throw new Error(`browser.test.ts: Chromium is required under CI but ${CHROMIUM} does not exist`);
if (!present) console.warn(`browser.test.ts: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`);

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
const MODES = ['webgl2', 'webgpu', 'webgl'] as const;

async function bundle(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./checks/browser-entry.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    alias: { '@nnkit/core': fileURLToPath(new URL('../../core/src/index.ts', import.meta.url)) },
    logLevel: 'error',
  });
  return out.outputFiles[0].text;
}

/** Serves the page on 127.0.0.1: WebGPU needs a secure context, which about:blank is not. */
async function serve(script: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const js = req.url === '/checks.js';
    res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html' });
    res.end(js ? script : '<!doctype html><script src="/checks.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no server address');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

describe.skipIf(!present)('headless Chromium', () => {
  const runs = new Map<string, BrowserRun>();
  let browser: Browser | undefined;
  let server: Server | undefined;

  beforeAll(async () => {
    const started = performance.now();
    const served = await serve(await bundle());
    server = served.server;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const page = await browser.newPage();
    await page.goto(served.url);
    for (const mode of MODES) {
      const t = performance.now();
      const run = await page.evaluate((m) => (globalThis as unknown as { nnkitRunChecks(m: string): Promise<BrowserRun> }).nnkitRunChecks(m), mode);
      runs.set(mode, run);
      const slow = run.results.filter((r) => r.ms > 1000).map((r) => `${r.name} ${(r.ms / 1000).toFixed(1)} s`);
      console.info(
        `backend-gpu in Chromium: ${run.name} (usesGpu ${run.usesGpu}), ${run.results.filter((r) => r.ok).length}/${run.results.length} checks, ${run.kernels} kernels, ${((performance.now() - t) / 1000).toFixed(1)} s${slow.length ? `; slowest: ${slow.join('; ')}` : ''}`,
      );
    }
    console.info(`backend-gpu in Chromium: total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  for (const mode of MODES) {
    describe(mode, () => {
      it('really runs in that mode', () => {
        const run = runs.get(mode);
        expect(run?.name).toBe(`gpu:${mode}`);
        expect(run?.usesGpu).toBe(true);
        expect(run?.probe).toMatchObject({ webgpu: true, webgl2: true, webgl: true, headlessgl: false });
      });
      for (const c of kernelChecks) {
        it(c.name, () => {
          const result = runs.get(mode)?.results.find((r) => r.name === c.name);
          expect(result, 'the check ran in the page').toBeDefined();
          if (!result?.ok) throw new Error(result?.error);
        });
      }
    });
  }
});
