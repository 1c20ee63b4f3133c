// Test-only: run on the CPU reference backend with autograd installed.
import { createCpuBackend } from '@nnkit/backend-cpu';
import { setBackend } from '@nnkit/tensor';
import '@nnkit/autograd';

setBackend(createCpuBackend());
