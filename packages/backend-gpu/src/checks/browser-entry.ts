import { createGpuBackend } from '../create-gpu-backend.js';
import { type GpuModeProbe, type GpuModeRequest, probeGpuModes } from '../modes.js';
import { kernelChecks } from './index.js';

/** What one run of the checks in a page reports back to `browser.test.ts`. */
export interface BrowserRun {
  readonly name: string;
  readonly mode: string;
  readonly usesGpu: boolean;
  readonly kernels: number;
  readonly probe: GpuModeProbe;
  readonly results: readonly { name: string; ok: boolean; error?: string; ms: number }[];
}

async function runChecks(mode: GpuModeRequest): Promise<BrowserRun> {
  const backend = createGpuBackend({ mode });
  const results = [];
  for (const c of kernelChecks) {
    const start = performance.now();
    try {
      await c.run(backend);
      await backend.flush();
      results.push({ name: c.name, ok: true, ms: performance.now() - start });
    } catch (e) {
      results.push({ name: c.name, ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), ms: performance.now() - start });
    }
  }
  const probe = await probeGpuModes();
  const run = { name: backend.name, mode: backend.mode, usesGpu: backend.usesGpu, kernels: backend.kernelCount(), probe, results };
  backend.dispose?.();
  return run;
}

(globalThis as { nnkitRunChecks?: typeof runChecks }).nnkitRunChecks = runChecks;
