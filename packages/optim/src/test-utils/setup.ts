// Test-only: run on the CPU reference backend with the autograd engine installed.
import { createCpuBackend } from '@nnkit/backend-cpu';
import { setBackend } from '@nnkit/tensor';
import '@nnkit/autograd';

setBackend(createCpuBackend());
