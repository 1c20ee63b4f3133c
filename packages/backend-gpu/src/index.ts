export { createGpuBackend, type GpuBackend, type GpuBackendOptions, type GpuCapabilities, type GpuLimits } from './create-gpu-backend.js';
export { MAX_ELEMENTS } from './device.js';
export { type GpuMode, type GpuModeProbe, type GpuModeRequest, probeGpuModes } from './modes.js';
