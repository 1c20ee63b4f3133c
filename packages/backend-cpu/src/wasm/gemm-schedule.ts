import {
  CTRL_CLAIM,
  CTRL_COMP_DONE,
  CTRL_INPUTS,
  INPUT_B,
  INPUT_REST,
  JOB_ACCUMULATE,
  JOB_BIAS,
  JOB_RELU,
  NR,
  P_A_PANELS_PER_TASK,
  P_B_PANELS_PER_TASK,
  P_BIAS,
  P_C,
  P_COMPUTE_TASKS,
  P_FLAGS,
  P_K,
  P_KA_BASE,
  P_KA_K,
  P_KA_PANEL,
  P_KA_ROW,
  P_KC,
  P_LDC,
  P_M_BLOCK_PANELS,
  P_M_BLOCKS,
  P_M_PANELS,
  P_N_BLOCK_PANELS,
  P_N_PANELS,
  P_PACK_B_TASKS,
  P_PACK_TASKS,
  P_PACKED,
  P_PB,
  MR,
} from './gemm-layout.js';
import { KERNEL_BIAS, KERNEL_LOAD_C, KERNEL_RELU } from './gemm-microkernel.js';
import { WasmFunction } from './wasm-function.js';
import { I32, I64 } from './wasm-module-builder.js';

/** Pushes the i32 parameter at `addr`. */
const param = (f: WasmFunction, addr: number): WasmFunction => f.i32Const(0).i32Load(addr);

/** Sets locals `first`, `end` to block `index`'s range of `per`-sized units, clipped to `count`. */
function blockRange(f: WasmFunction, index: () => void, perAddr: number, countAddr: number, first: number, end: number): void {
  index();
  param(f, perAddr).i32Mul().tee(first);
  param(f, perAddr).i32Add().set(end);
  param(f, countAddr).get(end).i32LtS();
  f.if(() => param(f, countAddr).set(end));
}

/**
 * Emits `compute(task)`: one block of C, `mBlockPanels` row panels by `nBlockPanels` column
 * panels, swept over K in cache blocks of `P_KC` steps. Inside a k block each B micro-panel
 * (kc × NR, L1-sized) is reused across the block's A panels (mc × kc, L2-sized); the first k
 * block starts from zero (or from C when accumulating), the last applies bias and ReLU.
 */
export function emitCompute(kernel: number): WasmFunction {
  const f = new WasmFunction([I32]);
  const task = 0;
  const [p0, p1, q0, q1, p, q, k0, kc, kEnd, kcMax, flags, kflags, ldc, pbq, biasq, crow, aRow, aK] = Array.from(
    { length: 18 },
    () => f.local(I32),
  );
  param(f, P_K).set(kEnd);
  param(f, P_KC).set(kcMax);
  param(f, P_FLAGS).set(flags);
  param(f, P_LDC).set(ldc);
  param(f, P_KA_ROW).set(aRow);
  param(f, P_KA_K).set(aK);
  blockRange(f, () => f.get(task).i32Const(0).i32Load(P_M_BLOCKS).i32RemU(), P_M_BLOCK_PANELS, P_M_PANELS, p0, p1);
  blockRange(f, () => f.get(task).i32Const(0).i32Load(P_M_BLOCKS).i32DivU(), P_N_BLOCK_PANELS, P_N_PANELS, q0, q1);

  f.i32Const(0).set(k0);
  f.loop((nextK) => {
    f.get(kEnd).get(k0).i32Sub().set(kc);
    f.get(kcMax).get(kc).i32LtS();
    f.if(() => f.get(kcMax).set(kc));
    // Start from C after the first block, or when the caller asked to accumulate.
    f.get(k0).get(flags).i32Const(JOB_ACCUMULATE).i32And().i32Or();
    f.if(
      () => f.i32Const(KERNEL_LOAD_C).set(kflags),
      () => f.i32Const(0).set(kflags),
    );
    f.get(k0).get(kc).i32Add().get(kEnd).i32Eq();
    f.if(() => {
      f.get(flags).i32Const(JOB_BIAS).i32And();
      f.if(() => f.get(kflags).i32Const(KERNEL_BIAS).i32Or().set(kflags));
      f.get(flags).i32Const(JOB_RELU).i32And();
      f.if(() => f.get(kflags).i32Const(KERNEL_RELU).i32Or().set(kflags));
    });
    f.get(q0).set(q);
    f.whileLess(q, q1, 1, () => {
      param(f, P_PB).get(q).get(kEnd).i32Mul().get(k0).i32Add().i32Const(NR * 4).i32Mul().i32Add().set(pbq);
      param(f, P_BIAS).get(q).i32Const(NR * 4).i32Mul().i32Add().set(biasq);
      param(f, P_C).get(p0).i32Const(MR).i32Mul().get(ldc).i32Mul().i32Add();
      f.get(q).i32Const(NR * 4).i32Mul().i32Add().set(crow);
      f.get(p0).set(p);
      f.whileLess(p, p1, 1, () => {
        param(f, P_KA_BASE).get(p).i32Const(0).i32Load(P_KA_PANEL).i32Mul().i32Add().get(k0).get(aK).i32Mul().i32Add();
        f.get(aRow).get(aK).get(pbq).get(kc).get(crow).get(ldc).get(kflags).get(biasq).call(kernel);
        f.get(crow).get(ldc).i32Const(MR).i32Mul().i32Add().set(crow);
      });
    });
    f.get(k0).get(kc).i32Add().tee(k0).get(kEnd).i32LtS().brIf(nextK);
  });
  return f;
}

/** Function indices of the task bodies. */
export interface TaskFunctions {
  readonly packB: number;
  readonly packA: number;
  readonly compute: number;
}

/** Local indices `waitFor` works with. */
interface WaitLocals {
  readonly seen: number;
  readonly spins: number;
  readonly mayBlock: number;
}

/** Hooks that run before a task of each kind (the shared scheduler waits for its inputs there). */
interface TaskGates {
  readonly beforePackB: () => void;
  readonly beforePackA: () => void;
  readonly beforeCompute: (computeTask: number) => void;
}

/** Runs task `t` of the current job: packing tasks first (B, then A), then compute tasks. */
function runTask(f: WasmFunction, t: number, ct: number, fns: TaskFunctions, gates: TaskGates): void {
  f.get(t).i32Const(0).i32Load(P_PACK_TASKS).i32LtS();
  f.if(
    () => {
      f.get(t).i32Const(0).i32Load(P_PACK_B_TASKS).i32LtS();
      f.if(
        () => {
          gates.beforePackB();
          f.get(t).call(fns.packB);
        },
        () => {
          gates.beforePackA();
          f.get(t).i32Const(0).i32Load(P_PACK_B_TASKS).i32Sub().call(fns.packA);
        },
      );
    },
    () => {
      f.get(t).i32Const(0).i32Load(P_PACK_TASKS).i32Sub().set(ct);
      gates.beforeCompute(ct);
      f.get(ct).call(fns.compute);
    },
  );
}

/**
 * Emits `work()` for an unshared memory: the one thread runs every task in order (and returns
 * their count, as the shared version does).
 */
export function emitSerialWork(fns: TaskFunctions): WasmFunction {
  const f = new WasmFunction([I32], [I32]);
  const [t, ct, total] = [f.local(I32), f.local(I32), f.local(I32)];
  param(f, P_PACK_TASKS).i32Const(0).i32Load(P_COMPUTE_TASKS).i32Add().set(total);
  f.i32Const(0).set(t);
  const none = (): void => {};
  f.whileLess(t, total, 1, () => runTask(f, t, ct, fns, { beforePackB: none, beforePackA: none, beforeCompute: none }));
  f.get(total);
  return f;
}

/**
 * Waits until `ready` (which reads the i32 at the address in local `addr` from local `seen`)
 * holds: polls `spin` times, then sleeps on the word between polls when `mayBlock` is set.
 */
function waitFor(f: WasmFunction, addr: number, ready: () => void, l: WaitLocals, spin: number): void {
  f.i32Const(spin).set(l.spins);
  f.block((done) =>
    f.loop((again) => {
      f.get(addr).i32AtomicLoad().set(l.seen);
      ready();
      f.brIf(done);
      f.get(l.spins).i32Const(1).i32Sub().tee(l.spins).i32Const(0).i32GtS().brIf(again);
      f.get(l.mayBlock);
      f.if(() => f.get(addr).get(l.seen).i64Const(-1n).atomicWait32().drop());
      f.br(again);
    }),
  );
}

/**
 * Emits `work(mayBlock)` for a shared memory: every thread (the caller and each worker) claims
 * tasks from the claim word with compare-exchange until none are left. The claim word carries
 * the job number and task count, so a thread that wakes late for a finished job claims nothing.
 * A packing task first waits until the caller has copied its operand in; a compute task waits
 * only for the packing tasks that cover its panels (each sets its word in `P_PACKED` and wakes
 * sleepers). Waits spin, then sleep when `mayBlock` (a browser main thread passes 0). Returns
 * how many tasks this thread ran.
 */
export function emitSharedWork(fns: TaskFunctions, spin: number): WasmFunction {
  const f = new WasmFunction([I32], [I32]);
  const mayBlock = 0;
  const [t, ct, total, lo, spins, seen, ran, addr, i, iEnd, p0, p1] = Array.from({ length: 12 }, () => f.local(I32));
  const w = f.local(I64);
  const l: WaitLocals = { seen, spins, mayBlock };
  const packedWord = (index: () => void): void => {
    index();
    f.i32Const(4).i32Mul().i32Const(0).i32Load(P_PACKED).i32Add().set(addr);
  };
  /** Waits for the packing tasks `base + [first/per, (end-1)/per]` that cover units [first, end). */
  const waitPacked = (base: () => void, perAddr: number): void => {
    f.get(p0).i32Const(0).i32Load(perAddr).i32DivU().set(i);
    f.get(p1).i32Const(1).i32Sub().i32Const(0).i32Load(perAddr).i32DivU().i32Const(1).i32Add().set(iEnd);
    f.whileLess(i, iEnd, 1, () => {
      packedWord(() => {
        base();
        f.get(i).i32Add();
      });
      waitFor(f, addr, () => f.get(seen), l, spin);
    });
  };
  const inputIs = (bit: number) => () => f.get(seen).i32Const(bit).i32And();

  f.loop((claim) => {
    f.i32Const(0).i64AtomicLoad(CTRL_CLAIM).set(w);
    f.get(w).i32WrapI64().set(lo);
    f.get(lo).i32Const(0xffff).i32And().set(t);
    f.get(lo).i32Const(16).i32ShrU().set(total);
    f.get(t).get(total).i32GeU();
    f.if(() => f.get(ran).ret());
    f.i32Const(0).get(w).get(w).i64Const(1n).i64Add().i64AtomicRmwCmpxchg(CTRL_CLAIM).get(w).i64Ne().brIf(claim);
    f.addTo(ran, 1);

    f.i32Const(CTRL_INPUTS).set(addr);
    runTask(f, t, ct, fns, {
      beforePackB: () => waitFor(f, addr, inputIs(INPUT_B), l, spin),
      beforePackA: () => waitFor(f, addr, inputIs(INPUT_REST), l, spin),
      beforeCompute: (task) => {
        blockRange(f, () => f.get(task).i32Const(0).i32Load(P_M_BLOCKS).i32DivU(), P_N_BLOCK_PANELS, P_N_PANELS, p0, p1);
        waitPacked(() => f.i32Const(0), P_B_PANELS_PER_TASK);
        blockRange(f, () => f.get(task).i32Const(0).i32Load(P_M_BLOCKS).i32RemU(), P_M_BLOCK_PANELS, P_M_PANELS, p0, p1);
        param(f, P_PACK_TASKS).i32Const(0).i32Load(P_PACK_B_TASKS).i32Ne();
        f.if(() => waitPacked(() => param(f, P_PACK_B_TASKS), P_A_PANELS_PER_TASK));
        // Inputs that packing does not touch (A read in place, bias, C) must be in too.
        f.i32Const(CTRL_INPUTS).set(addr);
        waitFor(f, addr, inputIs(INPUT_REST), l, spin);
      },
    });
    // Mark the task done; a packing task wakes whoever waits for its panels, the last compute
    // task wakes the caller.
    f.get(t).i32Const(0).i32Load(P_PACK_TASKS).i32LtS();
    f.if(
      () => {
        packedWord(() => f.get(t));
        f.get(addr).i32Const(1).i32AtomicRmwAdd().drop();
        f.get(addr).i32Const(-1).atomicNotify().drop();
      },
      () => {
        f.i32Const(0).i32Const(1).i32AtomicRmwAdd(CTRL_COMP_DONE).i32Const(1).i32Add();
        param(f, P_COMPUTE_TASKS).i32Eq();
        f.if(() => f.i32Const(CTRL_COMP_DONE).i32Const(-1).atomicNotify().drop());
      },
    );
    f.br(claim);
  });
  f.i32Const(0); // unreachable: the loop only leaves through the return above
  return f;
}
