// The GPU backend against the shared conformance suite (@nnkit/conformance), in whatever mode
// Node gives it: gpu.js's CPU kernels here ('gpu:cpu-fallback'), headless GL where the `gl`
// package is built. The real shaders run the same suite in conformance-browser.test.ts.
// Its float32 gradients are compared with the float64 gradients of the CPU reference backend.
import { createCpuBackend } from '@nnkit/backend-cpu';
import { describeBackend } from '@nnkit/conformance';
import { createGpuBackend } from './index.js';

const backend = createGpuBackend();
describeBackend(backend.name, () => backend, { reference: () => createCpuBackend() });
