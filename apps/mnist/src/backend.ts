import type { Backend } from '@nnkit/core';
import { createCpuBackend } from '@nnkit/backend-cpu';
import type { TrainConfig } from './args.js';
import { CliError } from './errors.js';

/**
 * The backend the flags ask for. `gpu` is `@nnkit/backend-gpu` in its `auto` mode (headless GL,
 * WebGL2 or WebGL, whichever works); it is imported only when asked for, so CPU runs never load
 * gpu.js.
 */
export async function selectBackend(kind: TrainConfig['backend']): Promise<Backend> {
  if (kind === 'cpu') return createCpuBackend();
  let mod: typeof import('@nnkit/backend-gpu');
  try {
    mod = await import('@nnkit/backend-gpu');
  } catch (err) {
    throw new CliError(`the GPU backend could not be loaded: ${(err as Error).message.split('\n')[0]}`, 'reinstall @nnkit/backend-gpu, or use --backend cpu');
  }
  return mod.createGpuBackend({ mode: 'auto' });
}

/**
 * The backend as the run's first line names it: its real name, and for the GPU backend
 * without a GPU, that gpu.js runs its kernels as JavaScript on the CPU (no speed-up).
 *
 * @example
 * describeBackend(createGpuBackend()); // 'gpu:cpu-fallback (no GPU found: gpu.js runs its kernels as JavaScript on the CPU)'
 */
export function describeBackend(backend: Backend): string {
  if (backend.name === 'gpu:cpu-fallback') return `${backend.name} (no GPU found: gpu.js runs its kernels as JavaScript on the CPU)`;
  return backend.name;
}
