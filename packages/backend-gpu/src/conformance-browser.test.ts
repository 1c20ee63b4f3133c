import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPresent } from '@nnkit/vitest-config/chromium';
import { bundle, openPage, type OpenPage } from './browser/chromium.js';
import type { ConformancePage, ConformanceRun } from './browser/conformance-entry.js';
import type { TestResult } from './browser/vitest-shim.js';

// The shared conformance suite (@nnkit/conformance), forward values and gradients, run by
// real shaders: bundled with the page-side vitest shim, it registers and runs in headless
// Chromium, once per mode (each in its own browser, in parallel), and every test it runs
// there is reported here as one vitest test.
const present = chromiumPresent('conformance-browser.test.ts');
const MODES = ['webgl2', 'webgpu'] as const;

type Page = { nnkitConformance: ConformancePage };

/** Registers nested describes / its for the titles (`a > b > test`) the page reported. */
function register(names: readonly string[], depth: number, result: (name: string) => TestResult | undefined): void {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const parts = name.split(' > ');
    if (parts.length === depth + 1) {
      it(parts[depth], () => {
        const r = result(name);
        expect(r, 'the test ran in the page').toBeDefined();
        if (!r?.ok) throw new Error(r?.error);
      });
      continue;
    }
    const key = parts[depth];
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)?.push(name);
  }
  for (const [key, inner] of groups) describe(key, () => register(inner, depth + 1, result));
}

/** Runs the suite for `mode` in its own browser and reports how it went. */
async function runInBrowser(script: string, mode: (typeof MODES)[number]): Promise<ConformanceRun> {
  const started = performance.now();
  const opened = await openPage(script);
  try {
    const run = await opened.page.evaluate((m) => (globalThis as unknown as Page).nnkitConformance.run(m), mode);
    const sections = new Map<string, number>();
    for (const r of run.results) {
      const section = r.name.split(' > ')[1] ?? r.name;
      sections.set(section, (sections.get(section) ?? 0) + r.ms);
    }
    const failed = run.results.filter((r) => !r.ok).length;
    console.info(
      `conformance in Chromium: ${run.backend} (usesGpu ${run.usesGpu}), ${run.results.length - failed}/${run.results.length} passed, ` +
        `${run.kernels} kernels, ${((performance.now() - started) / 1000).toFixed(1)} s; by section: ` +
        [...sections].map(([s, ms]) => `${s} ${(ms / 1000).toFixed(1)} s`).join(', '),
    );
    return run;
  } finally {
    await opened.close();
  }
}

describe.skipIf(!present)('conformance in headless Chromium', async () => {
  if (!present) return;
  const script = await bundle('./conformance-entry.ts');
  // The titles come from the page itself: the cases depend on what the backend declares there.
  const names = new Map<string, string[]>();
  const lister: OpenPage = await openPage(script);
  try {
    for (const mode of MODES) names.set(mode, await lister.page.evaluate((m) => (globalThis as unknown as Page).nnkitConformance.collect(m), mode));
  } finally {
    await lister.close();
  }
  const runs = new Map<string, Promise<ConformanceRun>>();
  beforeAll(() => {
    for (const mode of MODES) {
      const run = runInBrowser(script, mode);
      run.catch(() => undefined); // reported by the mode's own beforeAll
      runs.set(mode, run);
    }
  });
  for (const mode of MODES) {
    describe(mode, () => {
      let run: ConformanceRun | undefined;
      const byName = new Map<string, TestResult>();
      beforeAll(async () => {
        run = await runs.get(mode);
        for (const r of run?.results ?? []) byName.set(r.name, r);
      }, 240_000);
      it('really runs in that mode, on the GPU path', () => {
        expect(run?.backend).toBe(`gpu:${mode}`);
        expect(run?.usesGpu).toBe(true);
      });
      register(names.get(mode) ?? [], 0, (name) => byName.get(name));
    });
  }
});
