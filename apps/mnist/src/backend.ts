import type { Backend } from '@nnkit/core';
import { createCpuBackend } from '@nnkit/backend-cpu';
import type { TrainConfig } from './args.js';
import { CliError } from './errors.js';

/** The backend the flags ask for; the GPU one is loaded only when asked for. */
export async function selectBackend(kind: TrainConfig['backend']): Promise<Backend> {
  if (kind === 'cpu') return createCpuBackend();
  const specifier = '@nnkit/backend-gpu';
  let mod: { createGpuBackend(options?: { mode?: string }): Backend };
  try {
    mod = (await import(specifier)) as typeof mod;
  } catch {
    throw new CliError('the GPU backend is not installed', 'install @nnkit/backend-gpu, or use --backend cpu');
  }
  return mod.createGpuBackend({ mode: 'auto' });
}
