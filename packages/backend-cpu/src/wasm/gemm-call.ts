import {
  JOB_ACCUMULATE,
  JOB_BIAS,
  JOB_RELU,
  MR,
  NR,
  P_A,
  P_A_CS,
  P_A_PANELS_PER_TASK,
  P_A_RS,
  P_B,
  P_B_CS,
  P_B_PANELS_PER_TASK,
  P_B_RS,
  P_BIAS,
  P_C,
  P_COMPUTE_TASKS,
  P_FLAGS,
  P_K,
  P_KC,
  P_LDC,
  P_M,
  P_M_BLOCK_PANELS,
  P_M_BLOCKS,
  P_M_PANELS,
  P_N,
  P_N_BLOCK_PANELS,
  P_N_PANELS,
  P_PA,
  P_PACK_B_TASKS,
  P_PACK_TASKS,
  P_PACKED,
  P_PB,
  P_KA_BASE,
  P_KA_K,
  P_KA_PANEL,
  P_KA_ROW,
} from './gemm-layout.js';
import { type OutputMatrix, type SgemmOptions, span, type StridedMatrix } from './gemm-operands.js';
import type { GemmPlan } from './gemm-plan.js';
import type { WasmHeap } from './wasm-heap.js';

/** Where one call's operands sit in the heap (byte addresses) and how it is cut. */
export interface GemmCall {
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly plan: GemmPlan;
  readonly a: number;
  readonly aStrides: readonly [number, number];
  readonly b: number;
  readonly bStrides: readonly [number, number];
  readonly c: number;
  readonly ldc: number; // floats
  readonly bias: number;
  readonly pa: number;
  readonly pb: number;
  readonly packed: number; // one i32 per packing task
  readonly flags: number;
}

/**
 * Lays out one call in the heap (growing it if needed): room for the spans of A and B as they
 * are (packing in WebAssembly applies the strides), packed panels, the bias zero-padded to
 * whole panels, and C in whole panels too, so the kernels never need an edge case. Copies
 * nothing yet: `copyB` and `copyRest` do, after the job is posted.
 */
export function layoutCall(
  heap: WasmHeap,
  plan: GemmPlan,
  m: number,
  n: number,
  k: number,
  a: StridedMatrix,
  b: StridedMatrix,
  options: SgemmOptions,
): GemmCall {
  const ldc = plan.nPanels * NR;
  const aStrides = placedStrides(a, m, k);
  heap.reset();
  const at = {
    // Read in place, A's last row panel may run one row past m: give it that row of slack.
    a: heap.take(room(a, m, k) + aStrides[0] / 4 + 16),
    b: heap.take(room(b, k, n)),
    pa: heap.take(plan.packA ? plan.mPanels * MR * k : 0),
    pb: heap.take(plan.nPanels * NR * k),
    c: heap.take(plan.mPanels * MR * ldc),
    bias: heap.take(options.bias ? ldc : 0),
    packed: heap.take(plan.packBTasks + plan.packATasks),
  };
  heap.commit();
  const flags =
    (options.accumulate ? JOB_ACCUMULATE : 0) | (options.bias ? JOB_BIAS : 0) | (options.relu ? JOB_RELU : 0);
  return { m, n, k, plan, ...at, aStrides, bStrides: placedStrides(b, k, n), ldc, flags };
}

/** Copies B in. */
export function copyB(heap: WasmHeap, call: GemmCall, b: StridedMatrix): void {
  place(heap.f32, call.b / 4, b, call.k, call.n);
}

/** Copies A in, the bias (zero-padded) and, when accumulating, C. */
export function copyRest(heap: WasmHeap, call: GemmCall, a: StridedMatrix, c: OutputMatrix, options: SgemmOptions): void {
  const f32 = heap.f32;
  place(f32, call.a / 4, a, call.m, call.k);
  if (options.bias) {
    const o = options.biasOffset ?? 0;
    f32.set(options.bias.subarray(o, o + call.n), call.bias / 4);
    f32.fill(0, call.bias / 4 + call.n, call.bias / 4 + call.ldc);
  }
  if (options.accumulate) copyRows(c.data, c.offset ?? 0, c.rowStride, f32, call.c / 4, call.ldc, call.m, call.n);
}

/** A view whose span is this much larger than its elements is gathered instead of copied whole. */
const SPARSE_SPAN = 2;

function sparse(x: StridedMatrix, rows: number, cols: number): boolean {
  return span(rows, cols, x.rowStride, x.colStride) > rows * cols * SPARSE_SPAN;
}

function room(x: StridedMatrix, rows: number, cols: number): number {
  return sparse(x, rows, cols) ? rows * cols : span(rows, cols, x.rowStride, x.colStride);
}

/** Byte strides of an operand once placed in the heap (a sparse view is gathered densely). */
export function placedStrides(x: StridedMatrix, rows: number, cols: number): [number, number] {
  if (sparse(x, rows, cols)) return [cols * 4, 4];
  // A stride along a dimension of size 1 is never followed: make it harmless.
  return [rows === 1 ? cols * 4 : x.rowStride * 4, cols === 1 ? 4 : x.colStride * 4];
}

/**
 * Puts a strided input at float index `at`: usually one memcpy of the span it covers; a sparse
 * view, such as a few columns of a wide matrix, is gathered row by row into a dense block.
 */
function place(f32: Float32Array, at: number, x: StridedMatrix, rows: number, cols: number): void {
  const off = x.offset ?? 0;
  const { data, rowStride: rs, colStride: cs } = x;
  if (!sparse(x, rows, cols)) {
    f32.set(data.subarray(off, off + span(rows, cols, rs, cs)), at);
    return;
  }
  for (let i = 0; i < rows; i++) {
    const src = off + i * rs;
    const dst = at + i * cols;
    if (cs === 1) f32.set(data.subarray(src, src + cols), dst);
    else for (let j = 0; j < cols; j++) f32[dst + j] = data[src + j * cs];
  }
}

/** Writes the parameter block the WebAssembly `work` function reads and clears the packing flags. */
export function writeParams(i32: Int32Array, call: GemmCall): void {
  const { plan } = call;
  const set = (addr: number, v: number): void => {
    i32[addr / 4] = v;
  };
  set(P_M, call.m);
  set(P_N, call.n);
  set(P_K, call.k);
  set(P_A, call.a);
  set(P_A_RS, call.aStrides[0]);
  set(P_A_CS, call.aStrides[1]);
  set(P_B, call.b);
  set(P_B_RS, call.bStrides[0]);
  set(P_B_CS, call.bStrides[1]);
  set(P_C, call.c);
  set(P_LDC, call.ldc * 4);
  set(P_BIAS, call.bias);
  set(P_FLAGS, call.flags);
  set(P_PA, call.pa);
  set(P_PB, call.pb);
  set(P_M_PANELS, plan.mPanels);
  set(P_N_PANELS, plan.nPanels);
  set(P_PACK_B_TASKS, plan.packBTasks);
  set(P_PACK_TASKS, plan.packBTasks + plan.packATasks);
  set(P_B_PANELS_PER_TASK, plan.bPanelsPerTask);
  set(P_A_PANELS_PER_TASK, plan.aPanelsPerTask);
  set(P_M_BLOCKS, plan.mBlocks);
  set(P_M_BLOCK_PANELS, plan.mBlockPanels);
  set(P_N_BLOCK_PANELS, plan.nBlockPanels);
  set(P_COMPUTE_TASKS, plan.computeTasks);
  set(P_KC, plan.kc);
  set(P_PACKED, call.packed);
  // The micro-kernel reads packed A panels, or A in place through its strides.
  const [aRs, aCs] = call.aStrides;
  set(P_KA_BASE, plan.packA ? call.pa : call.a);
  set(P_KA_PANEL, plan.packA ? call.k * MR * 4 : MR * aRs);
  set(P_KA_ROW, plan.packA ? 4 : aRs);
  set(P_KA_K, plan.packA ? MR * 4 : aCs);
  i32.fill(0, call.packed / 4, call.packed / 4 + plan.packBTasks + plan.packATasks);
}

/**
 * Copies the result out to C. With k = 0 nothing was computed: C is the epilogue alone,
 * `relu?((accumulate ? C : 0) + bias)`, done here in JavaScript.
 */
export function copyOut(heap: WasmHeap, call: GemmCall, c: OutputMatrix, options: SgemmOptions): void {
  const off = c.offset ?? 0;
  if (call.k > 0) {
    copyRows(heap.f32, call.c / 4, call.ldc, c.data, off, c.rowStride, call.m, call.n);
    return;
  }
  const bias = options.bias;
  const bo = options.biasOffset ?? 0;
  for (let i = 0; i < call.m; i++) {
    for (let j = 0; j < call.n; j++) {
      const at = off + i * c.rowStride + j;
      let v = (options.accumulate ? c.data[at] : 0) + (bias ? bias[bo + j] : 0);
      if (options.relu && v < 0) v = 0;
      c.data[at] = v;
    }
  }
}

function copyRows(
  src: Float32Array,
  srcAt: number,
  srcStride: number,
  dst: Float32Array,
  dstAt: number,
  dstStride: number,
  rows: number,
  cols: number,
): void {
  if (srcStride === cols && dstStride === cols) {
    dst.set(src.subarray(srcAt, srcAt + rows * cols), dstAt);
    return;
  }
  for (let i = 0; i < rows; i++) {
    const s = srcAt + i * srcStride;
    dst.set(src.subarray(s, s + cols), dstAt + i * dstStride);
  }
}
