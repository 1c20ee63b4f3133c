export { createWasmGemm, type WasmGemm, type WasmGemmOptions } from './create-wasm-gemm.js';
export type { OutputMatrix, SgemmOptions, StridedMatrix } from './gemm-operands.js';
