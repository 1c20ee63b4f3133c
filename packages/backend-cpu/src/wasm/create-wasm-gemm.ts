import { BackendError, ValueError } from '@nnkit/core';
import { copyB, copyOut, copyRest, type GemmCall, layoutCall, placedStrides, writeParams } from './gemm-call.js';
import {
  CTRL_CLAIM,
  CTRL_COMP_DONE,
  CTRL_INPUTS,
  CTRL_READY,
  CTRL_SEQ,
  CTRL_STOP,
  CTRL_WORKER_TASKS,
  INPUT_B,
  INPUT_REST,
} from './gemm-layout.js';
import { emitGemmModule, MAX_PAGES } from './gemm-module.js';
import {
  checkBias,
  checkDims,
  checkInput,
  checkOutput,
  type OutputMatrix,
  type SgemmOptions,
  type StridedMatrix,
} from './gemm-operands.js';
import { planGemm } from './gemm-plan.js';
import { type GemmWorker, type WorkerSpawner, loadWorkerSpawner, loadWorkerSpawnerSync } from './gemm-workers.js';
import { WasmHeap } from './wasm-heap.js';

/** Options of `createWasmGemm`. */
export interface WasmGemmOptions {
  /** Threads per call, the caller's included; default: the machine's cores (at most 8). 1: no workers. */
  readonly threads?: number;
  /** Calls below this many flops (2·m·n·k) run on the calling thread alone. */
  readonly parallelFlops?: number;
  /**
   * Milliseconds a worker keeps polling for the next job before it sleeps; waking a sleeping
   * thread costs tens of microseconds, so back-to-back calls (a training step) stay fast.
   */
  readonly workerSpinMs?: number;
}

/** A float32 GEMM in WebAssembly SIMD; one instance owns its memory and its workers. */
export interface WasmGemm {
  /** Threads that take part in a large call right now (1 until the workers have started). */
  readonly threads: number;
  /** True when the memory is shared and workers may join. */
  readonly shared: boolean;
  /** Tasks (packing or compute) that workers have run so far: shows they take part. */
  readonly workerTasks: number;
  /** Resolves when every worker that could start has started. */
  ready(): Promise<void>;
  /**
   * `C[m×n] = relu?((accumulate ? C : 0) + A[m×k]·B[k×n] + bias)`, synchronously. A and B are
   * strided views (transposes by swapped strides); C may alias them.
   */
  sgemm(m: number, n: number, k: number, a: StridedMatrix, b: StridedMatrix, c: OutputMatrix, options?: SgemmOptions): void;
  /** Stops the workers; later calls throw BackendError. */
  dispose(): void;
}

const modules = new Map<boolean, WebAssembly.Module>();
function gemmModule(shared: boolean): WebAssembly.Module {
  let m = modules.get(shared);
  if (!m) {
    m = new WebAssembly.Module(emitGemmModule({ shared }));
    modules.set(shared, m);
  }
  return m;
}

function sharedMemory(): WebAssembly.Memory | null {
  if (typeof SharedArrayBuffer === 'undefined') return null;
  try {
    return new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES, shared: true });
  } catch {
    return null;
  }
}

/** Whether this thread may block in Atomics.wait (a browser's main thread may not). */
function canBlock(ctl: Int32Array): boolean {
  try {
    Atomics.wait(ctl, CTRL_STOP / 4, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Measured on 2 cores (Node 20, AMD EPYC): at 128×128×128 (4 MFLOP, ~90 µs on one thread) two
 * threads gain nothing, at 192³ they do; waking a worker and sharing packed panels between
 * cores costs tens of microseconds.
 */
const DEFAULT_PARALLEL_FLOPS = 1 << 23;
/**
 * Short on purpose: when the OS puts a worker on the caller's core (it does, for a while, after
 * waking it), a spinning worker steals the caller's time; measured on 2 busy cores, 0.1 ms beat
 * 1 ms and 5 ms.
 */
const DEFAULT_WORKER_SPIN_MS = 0.1;

/**
 * Creates a WebAssembly SIMD GEMM. The module is emitted by nnkit's own code (no build step,
 * no download). With SharedArrayBuffer and workers available, a large call is cut into tasks
 * that the caller and the workers claim; otherwise everything runs on the caller.
 *
 * @example
 * const gemm = createWasmGemm({ threads: 2 });
 * await gemm.ready();
 * const a = new Float32Array([1, 2, 3, 4]), b = new Float32Array([5, 6, 7, 8]), c = new Float32Array(4);
 * gemm.sgemm(2, 2, 2, { data: a, rowStride: 2, colStride: 1 }, { data: b, rowStride: 2, colStride: 1 }, { data: c, rowStride: 2 });
 * // c = [19, 22, 43, 50]
 * gemm.dispose();
 */
export function createWasmGemm(options: WasmGemmOptions = {}): WasmGemm {
  const wanted = options.threads;
  if (wanted !== undefined && !(Number.isInteger(wanted) && wanted >= 1)) {
    throw new ValueError(`createWasmGemm: threads must be a positive integer, got ${wanted}`);
  }
  const memory = wanted === 1 ? null : sharedMemory();
  const shared = memory !== null;
  const heap = new WasmHeap(memory ?? new WebAssembly.Memory({ initial: 16, maximum: MAX_PAGES }), MAX_PAGES);
  const module = gemmModule(shared);
  const work = new WebAssembly.Instance(module, { env: { memory: heap.memory } }).exports.work as (mayBlock: number) => number;
  const block = shared && canBlock(heap.i32);
  const parallelFlops = options.parallelFlops ?? DEFAULT_PARALLEL_FLOPS;
  const workers: GemmWorker[] = [];
  let seq = 0;
  let disposed = false;

  const started = shared ? startWorkers() : Promise.resolve();
  function startWorkers(): Promise<void> {
    // At once where the platform allows: a synchronous loop then gets the workers too.
    const now = loadWorkerSpawnerSync();
    return now === undefined ? loadWorkerSpawner().catch(() => null).then(spawnAll) : spawnAll(now);
  }
  async function spawnAll(spawner: WorkerSpawner | null): Promise<void> {
    if (!spawner || disposed) return;
    const count = Math.min(wanted ?? Math.min(spawner.cores, 8), 64) - 1;
    const init = { module, memory: heap.memory, spinMs: options.workerSpinMs ?? DEFAULT_WORKER_SPIN_MS };
    // Each promise settles when its worker is up or has failed (a lost worker means fewer threads).
    await Promise.all(Array.from({ length: count }, () => new Promise<void>((resolve) => workers.push(spawner.spawn(init, () => resolve())))));
  }

  /**
   * Runs one call. In shared mode the job is posted first and the operands copied after, so
   * that waking a worker (tens of microseconds in a VM) overlaps the copies; packing tasks wait
   * for the operand they read.
   */
  function runJob(call: GemmCall, loadB: () => void, loadRest: () => void, parallel: boolean): void {
    const { plan } = call;
    const ctl = heap.i32;
    writeParams(ctl, call);
    if (!shared) {
      loadB();
      loadRest();
      work(0);
      return;
    }
    Atomics.store(ctl, CTRL_COMP_DONE / 4, 0);
    Atomics.store(ctl, CTRL_INPUTS / 4, 0);
    seq = (seq + 1) | 0;
    const total = plan.packBTasks + plan.packATasks + plan.computeTasks;
    Atomics.store(heap.i64, CTRL_CLAIM / 8, (BigInt(seq >>> 0) << 32n) | (BigInt(total) << 16n));
    if (parallel) {
      Atomics.store(ctl, CTRL_SEQ / 4, seq);
      Atomics.notify(ctl, CTRL_SEQ / 4);
    }
    loadB();
    Atomics.or(ctl, CTRL_INPUTS / 4, INPUT_B);
    Atomics.notify(ctl, CTRL_INPUTS / 4);
    loadRest();
    Atomics.or(ctl, CTRL_INPUTS / 4, INPUT_REST);
    Atomics.notify(ctl, CTRL_INPUTS / 4);
    work(block ? 1 : 0);
    // Others may still be finishing tasks they claimed: wait for the last one.
    for (let spins = 0; ; spins++) {
      const done = Atomics.load(ctl, CTRL_COMP_DONE / 4);
      if (done >= plan.computeTasks) break;
      if (block && spins > 1000) Atomics.wait(ctl, CTRL_COMP_DONE / 4, done);
    }
  }

  /** Workers in their loop: counted in shared memory, so known without the event loop turning. */
  const liveWorkers = (): number => (shared && !disposed ? Math.min(Atomics.load(heap.i32, CTRL_READY / 4), workers.length) : 0);

  return {
    get threads() {
      return 1 + liveWorkers();
    },
    shared,
    get workerTasks() {
      return shared ? Atomics.load(heap.i32, CTRL_WORKER_TASKS / 4) : 0;
    },
    ready: () => started,
    sgemm(m, n, k, a, b, c, opts = {}) {
      if (disposed) throw new BackendError('sgemm: this WebAssembly GEMM was disposed');
      checkDims(m, n, k);
      checkInput('A', a, m, k);
      checkInput('B', b, k, n);
      checkOutput(c, m, n);
      checkBias(opts, n);
      if (m === 0 || n === 0) return;
      const threads = 1 + liveWorkers();
      const parallel = threads > 1 && 2 * m * n * k >= parallelFlops;
      // A whose rows are contiguous is read in place; any other layout is packed first.
      const plan = planGemm(m, n, k, parallel ? threads : 1, placedStrides(a, m, k)[1] !== 4);
      const call = layoutCall(heap, plan, m, n, k, a, b, opts);
      if (k > 0) {
        runJob(
          call,
          () => copyB(heap, call, b),
          () => copyRest(heap, call, a, c, opts),
          parallel,
        );
      }
      copyOut(heap, call, c, opts);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (shared) {
        Atomics.store(heap.i32, CTRL_STOP / 4, 1);
        Atomics.add(heap.i32, CTRL_SEQ / 4, 1);
        Atomics.notify(heap.i32, CTRL_SEQ / 4);
      }
      for (const w of workers) w.terminate();
    },
  };
}
