// Test-only: the tensor-dependent tests create tensors on the CPU reference backend.
import { createCpuBackend } from '@nnkit/backend-cpu';
import { setBackend } from '@nnkit/tensor';

setBackend(createCpuBackend());
