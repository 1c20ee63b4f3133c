// Test-only: run on the CPU reference backend with the engine installed.
import { createCpuBackend } from '@nnkit/backend-cpu';
import { setBackend } from '@nnkit/tensor';
import '../index.js';

setBackend(createCpuBackend());
