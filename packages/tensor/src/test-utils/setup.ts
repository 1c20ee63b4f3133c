// Test-only: every tensor test runs on the CPU reference backend.
import { createCpuBackend } from '@nnkit/backend-cpu';
import { setBackend } from '../backend-registry.js';

export const cpu = createCpuBackend();
setBackend(cpu);
