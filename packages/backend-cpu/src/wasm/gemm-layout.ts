/**
 * The fixed layout that the JavaScript driver and the emitted WebAssembly agree on: tile sizes,
 * the control words threads synchronize on, and the parameter block of the current call.
 * All addresses are byte addresses in the shared linear memory.
 */

/**
 * Register tile of the micro-kernel. 2×16 keeps 8 f32x4 accumulators plus 4 B vectors in
 * registers; measured on V8 (Node 20, x64, AMD Zen 5) it runs at the per-core SIMD ceiling
 * (~50 GFLOP/s), while 4×8, 6×8 and 4×12 tiles lose 20–75 % to spills or broadcast pressure.
 * The packing fast paths assume MR = 2 and NR a multiple of 4.
 */
export const MR = 2;
export const NR = 16;

/** Control words (i32 unless noted); the claim word is 8-byte aligned. */
export const CTRL_SEQ = 0; // job number; idle workers wait on it
export const CTRL_STOP = 4; // non-zero: workers exit
export const CTRL_COMP_DONE = 8; // compute tasks finished in the current job
export const CTRL_INPUTS = 12; // INPUT_* bits: operands the caller has copied in so far
export const CTRL_CLAIM = 16; // i64: seq << 32 | totalTasks << 16 | nextTask
export const CTRL_WORKER_TASKS = 24; // tasks run by workers since creation (wraps; for tests and tuning)
export const CTRL_READY = 28; // workers that have started their loop (counted here, not by message: see gemm-workers)

/** The caller posts a job before copying its operands, so workers wake while it copies. */
export const INPUT_B = 1; // B is in place: B may be packed
export const INPUT_REST = 2; // A, bias and C (when accumulating) are in place

/** Parameter block of the current job, one i32 each. */
export const P_M = 64;
export const P_N = 68;
export const P_K = 72;
export const P_A = 76; // address of A[0][0]
export const P_A_RS = 80; // A row stride, bytes
export const P_A_CS = 84; // A column stride, bytes
export const P_B = 88;
export const P_B_RS = 92;
export const P_B_CS = 96;
export const P_C = 100; // padded C, row stride P_LDC
export const P_LDC = 104;
export const P_BIAS = 108; // padded bias (nPanels·NR floats)
export const P_FLAGS = 112; // JOB_* bits
export const P_PA = 116; // packed A (if packed): panel p, step k at P_PA + (p·K + k)·MR·4
export const P_PB = 120; // packed B: panel q, step k at P_PB + (q·K + k)·NR·4
export const P_M_PANELS = 124;
export const P_N_PANELS = 128;
export const P_PACK_B_TASKS = 132;
export const P_PACK_TASKS = 136; // B tasks then A tasks (none when A is read in place)
export const P_B_PANELS_PER_TASK = 140;
export const P_A_PANELS_PER_TASK = 144;
export const P_M_BLOCKS = 148;
export const P_M_BLOCK_PANELS = 152;
export const P_N_BLOCK_PANELS = 156;
export const P_COMPUTE_TASKS = 160;
export const P_KC = 164; // k steps per cache block
export const P_PACKED = 168; // one i32 per packing task, set to 1 when it is done
/** How the micro-kernel reads A: `(p, i, k)` of row panel p at KA_BASE + p·KA_PANEL + i·KA_ROW + k·KA_K. */
export const P_KA_BASE = 172;
export const P_KA_PANEL = 176;
export const P_KA_ROW = 180;
export const P_KA_K = 184;

/** Job flag bits. */
export const JOB_ACCUMULATE = 1;
export const JOB_BIAS = 2;
export const JOB_RELU = 4;

/** First byte the driver may use for operands and packed panels. */
export const DATA_START = 1024;

/** Claim-word fields: at most this many tasks per job. */
export const MAX_TASKS = 0xffff;
