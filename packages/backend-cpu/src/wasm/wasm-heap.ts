import { BackendError } from '@nnkit/core';
import { DATA_START } from './gemm-layout.js';

const PAGE = 65536;
const ALIGN = 64; // cache-line aligned regions

/**
 * The GEMM's linear memory with typed views that follow its growth, and a bump allocator that
 * is rewound for every call: scratch is reused, so a call allocates nothing on the JS heap.
 *
 * @example
 * const heap = new WasmHeap(new WebAssembly.Memory({ initial: 1, maximum: 100 }));
 * heap.reset();
 * const at = heap.take(1000); // byte address of 1000 floats
 * heap.commit();             // grows the memory to fit
 */
export class WasmHeap {
  f32!: Float32Array;
  i32!: Int32Array;
  i64!: BigInt64Array;
  private top = DATA_START;

  constructor(
    readonly memory: WebAssembly.Memory,
    private readonly maxPages: number,
  ) {
    this.refresh();
  }

  private refresh(): void {
    const buffer = this.memory.buffer;
    this.f32 = new Float32Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.i64 = new BigInt64Array(buffer, 0, 4);
  }

  /** Starts a new call's allocations at the beginning of the data area. */
  reset(): void {
    this.top = DATA_START;
  }

  /** Reserves `floats` float32 slots and returns their byte address. */
  take(floats: number): number {
    const at = this.top;
    this.top += Math.ceil((floats * 4) / ALIGN) * ALIGN;
    return at;
  }

  /** Grows the memory to hold everything taken since `reset`. */
  commit(): void {
    const need = Math.ceil(this.top / PAGE);
    const have = this.memory.buffer.byteLength / PAGE;
    if (need > have) {
      if (need > this.maxPages) {
        throw new BackendError(`sgemm: operands need ${this.top} bytes, more than the ${this.maxPages * PAGE} a WebAssembly memory may hold`);
      }
      // Grow with headroom so that a sequence of slightly larger calls does not grow each time.
      this.memory.grow(Math.min(this.maxPages, Math.max(need, Math.ceil(have * 1.25))) - have);
    }
    if (this.f32.buffer.byteLength !== this.memory.buffer.byteLength) this.refresh();
  }
}
