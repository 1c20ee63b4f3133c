export { createCpuBackend } from './cpu-backend.js';
export type { CpuBackend, CpuBackendOptions } from './cpu-backend.js';
