import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, chromiumPresent } from '@nnkit/vitest-config/chromium';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, buildPage, serve } from './build-page.js';

// The built page in headless Chromium: train on the CPU, then on the GPU through WebGL2 and
// WebGPU (SwiftShader, Chromium's CPU implementation of both, where the machine has no GPU).
// Skipped only on a developer machine without Chromium; under CI it must run.
const present = chromiumPresent('playground e2e');

/** Where the screenshot goes (gitignored). */
export const SCREENSHOT = join(APP, 'test-output', 'playground.png');

// Small enough for a 2-core machine (16 steps; most GPU time is compiling kernels), big
// enough to land far above chance.
const SETTINGS = { 'train-count': '1000', hidden: '32', epochs: '1', 'batch-size': '64', lr: '0.005' };

let browser: Browser | undefined;

/** A new page at `url`, ready to train; page errors and console errors land in `errors`. */
async function open(url: string, errors: string[]): Promise<Page> {
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
  const page = await browser.newPage({ viewport: { width: 1000, height: 1000 } });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  await page.goto(url);
  await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 60_000 });
  expect(await page.getAttribute('body', 'data-state'), `${await page.textContent('#status')}; ${errors.join('; ')}`).toBe('ready');
  return page;
}

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!present)('the built playground in headless Chromium', () => {
  let server: { url: string; close(): void } | undefined;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const { outDir } = await buildPage();
    server = await serve(outDir);
    page = await open(server.url, errors);
  });

  afterAll(() => server?.close());

  it('loads the MNIST subset and offers CPU, WebGPU and WebGL2', async () => {
    expect(await page.textContent('#status')).toContain('5000 training and 1000 test images loaded');
    for (const mode of ['cpu', 'webgpu', 'webgl2']) {
      expect(await page.isEnabled(`input[name=backend][value=${mode}]`), `${mode} is available`).toBe(true);
    }
  });

  for (const [mode, name] of [['cpu', 'cpu'], ['webgl2', 'gpu:webgl2'], ['webgpu', 'gpu:webgpu']] as const) {
    it(`trains on ${name} to an accuracy far above chance`, async () => {
      const started = performance.now();
      await page.check(`input[name=backend][value=${mode}]`);
      for (const [id, value] of Object.entries(SETTINGS)) await page.fill(`#${id}`, value);
      const runsBefore = await page.locator('#runs tr').count();
      await page.click('#train');
      // A new row in the runs table, or an error (the state may still say 'done' from the last run).
      await page.waitForFunction(
        (n) => document.querySelectorAll('#runs tr').length > n || document.body.dataset.state === 'error',
        runsBefore,
        { timeout: 200_000 },
      );
      expect(await page.getAttribute('body', 'data-state'), await page.textContent('#status') ?? '').toBe('done');
      const row = page.locator('#runs tr').last();
      expect(await row.getAttribute('data-backend')).toBe(name);
      const accuracy = Number(await row.getAttribute('data-accuracy'));
      expect(accuracy).toBeGreaterThan(0.5);
      expect(await page.getAttribute('#accuracy', 'data-backend')).toBe(name);
      if (mode === 'cpu') {
        // Cross-origin isolated, so the WebAssembly GEMM ran on two threads (Web Workers).
        expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
        expect(await page.getAttribute('body', 'data-cpu-threads')).toBe('2');
      }
      const points = await page.locator('#chart polyline').count();
      expect(points).toBeGreaterThanOrEqual(2);
      console.info(`playground e2e: ${name}: ${(accuracy * 100).toFixed(1)} % test accuracy, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    });
  }

  it('saves a screenshot with every run, and logged no error', async () => {
    expect(await page.locator('#runs tr').count()).toBe(3);
    mkdirSync(join(APP, 'test-output'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!present)('the playground under `vite dev`', () => {
  let dev: ViteDevServer | undefined;
  afterAll(async () => {
    await dev?.close();
  });

  it('loads from the packages\' sources and trains on the CPU', async () => {
    dev = await createServer({ root: APP, configFile: join(APP, 'vite.config.ts'), logLevel: 'warn', server: { port: 0, host: '127.0.0.1' } });
    await dev.listen();
    const url = dev.resolvedUrls?.local[0];
    expect(url).toBeDefined();
    const errors: string[] = [];
    const page = await open(url as string, errors);
    for (const [id, value] of Object.entries({ ...SETTINGS, 'train-count': '300' })) await page.fill(`#${id}`, value);
    await page.click('#train');
    await page.waitForFunction(() => document.querySelectorAll('#runs tr').length > 0 || document.body.dataset.state === 'error', undefined, { timeout: 60_000 });
    expect(await page.locator('#runs tr').first().getAttribute('data-backend')).toBe('cpu');
    expect(await page.getAttribute('body', 'data-cpu-threads')).toBe('2');
    expect(errors).toEqual([]);
  });
});
