// The CPU backend against the shared nnkit conformance suite (@nnkit/conformance).
import { describeBackend } from '@nnkit/conformance';
import { createCpuBackend } from './index.js';

describeBackend('cpu', () => createCpuBackend());
