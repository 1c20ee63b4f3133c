import { createCpuBackend } from '@nnkit/backend-cpu';
import { describeBackend, type ConformanceOptions } from '@nnkit/conformance';
import { createGpuBackend, type GpuBackend } from '../create-gpu-backend.js';
import type { GpuModeRequest } from '../modes.js';
import { collectTests, runTests, type TestResult } from './vitest-shim.js';

/*
 * The page side of `conformance-browser.test.ts`: registers the conformance suite for one
 * mode through the vitest shim, so that the very same `describeBackend` runs in the page,
 * with the CPU backend (bundled too) as the float64 reference for gradients.
 */

/** What the page reports for one mode. */
export interface ConformanceRun {
  readonly backend: string;
  readonly usesGpu: boolean;
  readonly kernels: number;
  readonly results: readonly TestResult[];
}

/** The page's API, on `globalThis.nnkitConformance`. */
export interface ConformancePage {
  /** The titles of every test for `mode` (the backend is made, enumerated, and freed). */
  collect(mode: GpuModeRequest, options?: ConformanceOptions): Promise<string[]>;
  /** Collects and runs the suite for `mode`. */
  run(mode: GpuModeRequest, options?: ConformanceOptions): Promise<ConformanceRun>;
}

async function register(mode: GpuModeRequest, options: ConformanceOptions): Promise<{ names: string[]; backend: () => GpuBackend }> {
  let made: GpuBackend | undefined;
  const names = await collectTests(() =>
    describeBackend(`gpu:${mode}`, () => (made = createGpuBackend({ mode })), { reference: () => createCpuBackend(), ...options }),
  );
  return {
    names,
    backend: () => {
      if (!made) throw new Error(`conformance page: the suite for ${mode} never made its backend`);
      return made;
    },
  };
}

const page: ConformancePage = {
  async collect(mode, options = {}) {
    const { names, backend } = await register(mode, options);
    backend().dispose?.();
    return names;
  },
  async run(mode, options = {}) {
    const { backend } = await register(mode, options);
    const b = backend();
    // Counted before the suite's afterAll disposes the backend.
    let kernels = 0;
    const dispose = b.dispose?.bind(b);
    b.dispose = () => {
      kernels = b.kernelCount();
      dispose?.();
    };
    const results = await runTests();
    return { backend: b.name, usesGpu: b.usesGpu, kernels, results };
  },
};

(globalThis as { nnkitConformance?: ConformancePage }).nnkitConformance = page;
