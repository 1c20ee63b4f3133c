import type { Backend } from '@nnkit/core';
import { createCpuBackend, type CpuBackend } from '@nnkit/backend-cpu';
import { createGpuBackend, probeGpuModes } from '@nnkit/backend-gpu';

/** The backends the page offers. */
export const CHOICES = ['cpu', 'webgpu', 'webgl2'] as const;
export type Choice = (typeof CHOICES)[number];

/** Button labels. */
export const LABELS: Record<Choice, string> = { cpu: 'CPU', webgpu: 'GPU · WebGPU', webgl2: 'GPU · WebGL2' };

/** Which choices this browser can run: the GPU ones are probed (WebGPU asks for a real adapter). */
export async function availableChoices(): Promise<Record<Choice, boolean>> {
  const probe = await probeGpuModes().catch(() => ({ webgpu: false, webgl2: false }));
  return { cpu: true, webgpu: probe.webgpu, webgl2: probe.webgl2 };
}

const cache = new Map<Choice, Backend>();

/**
 * The backend for a choice, made once and reused, so a GPU backend's compiled kernels
 * carry over to the next run. An explicit GPU mode never falls back to the CPU: it throws.
 */
export function backendFor(choice: Choice): Backend {
  let backend = cache.get(choice);
  if (!backend) {
    backend = choice === 'cpu' ? createCpuBackend() : createGpuBackend({ mode: choice });
    cache.set(choice, backend);
  }
  return backend;
}

/**
 * Gets a backend ready to train and returns how many threads its float32 products use: the CPU
 * backend starts its WebAssembly GEMM's Web Workers (two threads when the page is cross-origin
 * isolated, which the dev server and the test server arrange; one otherwise). GPU backends: 1.
 */
export async function prepare(choice: Choice, backend: Backend): Promise<number> {
  if (choice !== 'cpu') return 1;
  const cpu = backend as CpuBackend;
  await cpu.ready();
  return cpu.threads;
}
