import { MAX_TASKS, MR, NR } from './gemm-layout.js';

/** Cache blocking: k steps per block (B micro-panel kc·NR·4 bytes stays in L1) and rows per A block (L2). */
export const KC_MAX = 256;
export const MC_ROWS = 128;

/** How one call is cut into packing and compute tasks. */
export interface GemmPlan {
  /** False when A's rows are contiguous: the micro-kernel then reads A in place. */
  readonly packA: boolean;
  readonly mPanels: number;
  readonly nPanels: number;
  readonly kc: number;
  readonly mBlockPanels: number;
  readonly mBlocks: number;
  readonly nBlockPanels: number;
  readonly computeTasks: number;
  readonly bPanelsPerTask: number;
  readonly packBTasks: number;
  readonly aPanelsPerTask: number;
  readonly packATasks: number;
}

const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);

/**
 * Cuts `C[m×n] = A[m×k]·B[k×n]` into tasks for `threads` threads (1: one packing task per
 * operand and one compute task per row block). Several threads get about four compute tasks
 * each, splitting N when M alone has too few row blocks, so a late-waking thread or an uneven
 * block still balances out; packing is cut finer, so a compute task waits only for the panels
 * it reads. `packA` false: no A packing tasks (the micro-kernel reads A in place).
 *
 * @example
 * planGemm(1024, 1024, 1024, 2, false).computeTasks; // 8 blocks of 128 rows
 */
export function planGemm(m: number, n: number, k: number, threads: number, packA: boolean): GemmPlan {
  const mPanels = ceilDiv(m, MR);
  const nPanels = ceilDiv(n, NR);
  const kc = ceilDiv(k, ceilDiv(k, KC_MAX));
  // Huge M gets taller blocks so the task count fits the claim word's 16-bit field.
  const mBlockPanels = Math.max(MC_ROWS / MR, ceilDiv(mPanels, MAX_TASKS >> 2));
  const mBlocks = ceilDiv(mPanels, mBlockPanels);
  let nBlocks = 1;
  let packChunks = 1;
  if (threads > 1) {
    nBlocks = Math.min(nPanels, ceilDiv(4 * threads, mBlocks), 64);
    packChunks = 4 * threads;
  }
  const nBlockPanels = ceilDiv(nPanels, nBlocks);
  const bPanelsPerTask = ceilDiv(nPanels, packChunks);
  const aPanelsPerTask = ceilDiv(mPanels, packChunks);
  return {
    packA,
    mPanels,
    nPanels,
    kc,
    mBlockPanels,
    mBlocks,
    nBlockPanels,
    computeTasks: mBlocks * ceilDiv(nPanels, nBlockPanels),
    bPanelsPerTask,
    packBTasks: ceilDiv(nPanels, bPanelsPerTask),
    aPanelsPerTask,
    packATasks: packA ? ceilDiv(mPanels, aPanelsPerTask) : 0,
  };
}
