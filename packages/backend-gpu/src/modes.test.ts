import { BackendError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { createGpuBackend, probeGpuModes } from './index.js';

describe('mode selection in Node', () => {
  it('probes every mode without throwing', async () => {
    const probe = await probeGpuModes();
    // Node has no navigator.gpu, WebGL or WebGL2; headless GL only with the `gl` package built
    expect(probe).toMatchObject({ webgpu: false, webgl2: false, webgl: false });
  });

  it('refuses an explicit mode the platform lacks, naming it', () => {
    expect(() => createGpuBackend({ mode: 'webgpu' })).toThrow(BackendError);
    expect(() => createGpuBackend({ mode: 'webgpu' })).toThrow(/'webgpu' needs navigator.gpu/);
    expect(() => createGpuBackend({ mode: 'webgl2' })).toThrow(/'webgl2' is not available/);
  });

  it('auto falls back to gpu.js CPU kernels only when allowed, and says so', async () => {
    const { headlessgl } = await probeGpuModes();
    const b = createGpuBackend();
    expect(b.mode).toBe(headlessgl ? 'headlessgl' : 'cpu-fallback');
    expect(b.name).toBe(`gpu:${b.mode}`);
    if (!headlessgl) {
      expect(b.usesGpu).toBe(false);
      expect(b.capabilities.device).toBe('cpu');
      expect(() => createGpuBackend({ allowCpuFallback: false })).toThrow(/no GPU mode is available/);
    }
  });

  it('dispose frees the gpu.js instance', () => {
    const b = createGpuBackend();
    b.unary('neg', { data: b.upload([1], 'float32'), dtype: 'float32', shape: [1], strides: [1], offset: 0 }, 'float32');
    expect(b.kernelCount()).toBe(2);
    b.dispose?.();
  });
});
