import { BackendError } from '@nnkit/core';
import { GPU } from 'gpu.js';

/** What a caller may ask `createGpuBackend` for. */
export type GpuModeRequest = 'auto' | 'webgpu' | 'webgl2' | 'webgl' | 'headlessgl';

/** The mode a backend really runs in; `cpu-fallback` means gpu.js found no GPU at all. */
export type GpuMode = 'webgpu' | 'webgl2' | 'webgl' | 'headlessgl' | 'cpu-fallback';

/** A resolved mode: what to tell gpu.js and what to report. */
export interface ResolvedMode {
  readonly mode: GpuMode;
  /** The `mode` passed to `new GPU(...)`. */
  readonly gpuJsMode: 'webgpu' | 'webgl2' | 'webgl' | 'headlessgl' | 'cpu';
  /** True when kernels answer with promises (WebGPU): ops queue, `read` resolves them. */
  readonly async: boolean;
}

const GL_ORDER = ['headlessgl', 'webgl2', 'webgl'] as const;

function glSupported(mode: (typeof GL_ORDER)[number]): boolean {
  if (mode === 'headlessgl') return GPU.isHeadlessGLSupported;
  if (mode === 'webgl2') return GPU.isWebGL2Supported;
  return GPU.isWebGLSupported;
}

/**
 * Turns a requested mode into the one this platform can run, synchronously. `auto` tries
 * headless GL, WebGL2, WebGL, then gpu.js's CPU kernels; it never picks WebGPU, whose adapter
 * can only be probed asynchronously (see `probeGpuModes`). An explicit mode that is not
 * available throws `BackendError`.
 */
export function resolveMode(request: GpuModeRequest, allowCpuFallback: boolean): ResolvedMode {
  if (request === 'webgpu') {
    if (!GPU.isWebGPUSupported) {
      throw new BackendError("createGpuBackend: mode 'webgpu' needs navigator.gpu, which this platform lacks");
    }
    return { mode: 'webgpu', gpuJsMode: 'webgpu', async: true };
  }
  if (request !== 'auto') {
    if (!glSupported(request)) {
      throw new BackendError(`createGpuBackend: mode '${request}' is not available on this platform`);
    }
    return { mode: request, gpuJsMode: request, async: false };
  }
  for (const mode of GL_ORDER) {
    if (glSupported(mode)) return { mode, gpuJsMode: mode, async: false };
  }
  if (!allowCpuFallback) {
    throw new BackendError(
      "createGpuBackend: no GPU mode is available here (no WebGL, WebGL2 or headless GL) and allowCpuFallback is false; pass mode 'webgpu' where WebGPU exists",
    );
  }
  return { mode: 'cpu-fallback', gpuJsMode: 'cpu', async: false };
}

/** Which modes work here, WebGPU included (its adapter is actually requested). */
export interface GpuModeProbe {
  readonly webgpu: boolean;
  readonly webgl2: boolean;
  readonly webgl: boolean;
  readonly headlessgl: boolean;
}

/**
 * Probes every mode, asking for a real WebGPU adapter.
 *
 * @example
 * const probe = await probeGpuModes();
 * const backend = createGpuBackend({ mode: probe.webgpu ? 'webgpu' : 'auto' });
 */
export async function probeGpuModes(): Promise<GpuModeProbe> {
  const webgpu = GPU.isWebGPUSupported ? await GPU.isWebGPUAvailable() : false;
  return { webgpu, webgl2: glSupported('webgl2'), webgl: glSupported('webgl'), headlessgl: glSupported('headlessgl') };
}
