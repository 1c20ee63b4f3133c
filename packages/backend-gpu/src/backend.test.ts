import { describe, expect, it } from 'vitest';
import { kernelChecks } from './checks/index.js';
import { createGpuBackend } from './index.js';

// In Node gpu.js has a GPU only through headless GL (the optional `gl` package, built from
// source); without it this runs every kernel through gpu.js's CPU kernels and says so.
const backend = createGpuBackend({ mode: 'auto' });
console.info(`backend-gpu: Node runs mode '${backend.mode}' (${backend.name}, usesGpu: ${backend.usesGpu})`);

describe(`${backend.name} kernels`, () => {
  for (const c of kernelChecks) it(c.name, () => c.run(backend));
});

describe('mode reporting', () => {
  it('reports cpu-fallback as no GPU', () => {
    expect(backend.usesGpu).toBe(backend.mode !== 'cpu-fallback');
    expect(backend.capabilities.device).toBe(backend.usesGpu ? 'gpu' : 'cpu');
  });
});
