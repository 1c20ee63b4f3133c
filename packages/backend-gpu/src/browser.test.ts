import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPresent } from '@nnkit/vitest-config/chromium';
import { bundle, openPage, type OpenPage } from './browser/chromium.js';
import type { BrowserRun } from './checks/browser-entry.js';
import { kernelChecks } from './checks/index.js';

// The same kernel checks as backend.test.ts, in headless Chromium, where gpu.js runs real
// WebGL2 shaders and WGSL compute shaders (on SwiftShader, Chromium's CPU GPU, on a machine
// without one). Skipped only on a developer machine without Chromium; under CI it must run.
const present = chromiumPresent('browser.test.ts');
const MODES = ['webgl2', 'webgpu', 'webgl'] as const;

describe.skipIf(!present)('headless Chromium', () => {
  const runs = new Map<string, BrowserRun>();
  let opened: OpenPage | undefined;

  beforeAll(async () => {
    const started = performance.now();
    opened = await openPage(await bundle('../checks/browser-entry.ts'));
    const { page } = opened;
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
    await opened?.close();
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
