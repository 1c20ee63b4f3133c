import { MR, NR } from './gemm-layout.js';
import { emitMicroKernel } from './gemm-microkernel.js';
import { emitPackA, emitPackB } from './gemm-pack.js';
import { emitCompute, emitSerialWork, emitSharedWork } from './gemm-schedule.js';
import { WasmModuleBuilder } from './wasm-module-builder.js';

/** Largest memory the module may grow to: 32768 pages of 64 KiB (2 GiB, the i32 stride limit). */
export const MAX_PAGES = 32768;

/** Polls of a control word before a thread sleeps on it: some tens of microseconds. */
const WAIT_SPINS = 20000;

/**
 * The GEMM module's bytes: micro-kernel, packing, compute and the `work` entry point, importing
 * `env.memory`. `shared` selects the multi-threaded scheduler (atomics over a shared memory)
 * or the serial one, so engines without threads never see an atomic instruction.
 *
 * @example
 * const module = new WebAssembly.Module(emitGemmModule({ shared: false }));
 */
export function emitGemmModule(options: { shared: boolean }): Uint8Array<ArrayBuffer> {
  const builder = new WasmModuleBuilder({ initialPages: 1, maximumPages: MAX_PAGES, shared: options.shared });
  const kernel = builder.addFunction(emitMicroKernel({ mr: MR, nr: NR }));
  const packB = builder.addFunction(emitPackB());
  const packA = builder.addFunction(emitPackA());
  const compute = builder.addFunction(emitCompute(kernel));
  const fns = { packB, packA, compute };
  const work = options.shared ? emitSharedWork(fns, WAIT_SPINS) : emitSerialWork(fns);
  builder.addFunction(work, 'work');
  return builder.toBytes();
}
