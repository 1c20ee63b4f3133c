// The umbrella: everything in one import, with gradients on and the CPU backend selected
// (unless the program selected another one before importing this).
import { createCpuBackend } from '@nnkit/backend-cpu';
import { hasBackend, setBackend } from '@nnkit/tensor';
import '@nnkit/autograd';

if (!hasBackend()) setBackend(createCpuBackend());

export * from '@nnkit/tensor';
export * from '@nnkit/autograd';
export { createCpuBackend } from '@nnkit/backend-cpu';
export * as nn from '@nnkit/nn';
export * as optim from '@nnkit/optim';
export * as data from '@nnkit/data';
