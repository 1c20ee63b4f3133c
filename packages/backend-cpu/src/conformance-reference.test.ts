// The plain-JS reference kernels (no WebAssembly) against the same conformance suite.
import { describeBackend } from '@nnkit/conformance';
import { createCpuBackend } from './index.js';

describeBackend('cpu-ref', () => createCpuBackend({ name: 'cpu-ref', wasm: false }));
