import {
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
  P_K,
  P_M,
  P_M_PANELS,
  P_N,
  P_N_PANELS,
  P_PA,
  P_PB,
} from './gemm-layout.js';
import { WasmFunction } from './wasm-function.js';
import { I32, V128 } from './wasm-module-builder.js';

const UNPACK_LO = [0, 4, 1, 5] as const;
const UNPACK_HI = [2, 6, 3, 7] as const;

/** Loads the task's panel range `[first, end)` of `per`-sized chunks, clipped to `count`. */
function panelRange(f: WasmFunction, task: number, perAddr: number, countAddr: number): [number, number] {
  const first = f.local(I32);
  const end = f.local(I32);
  f.get(task).i32Const(0).i32Load(perAddr).i32Mul().tee(first).i32Const(0).i32Load(perAddr).i32Add().set(end);
  f.i32Const(0).i32Load(countAddr).get(end).i32LtS();
  f.if(() => f.i32Const(0).i32Load(countAddr).set(end));
  return [first, end];
}

/**
 * Emits `packB(task)`: copies B panels (NR columns each, zero-padded past n) from any strided
 * layout into `k`-major panels. Row-major B copies whole rows; column-major B (a transposed
 * view, as in `x · wᵀ`) goes through 4×4 register transposes; anything else is gathered.
 */
export function emitPackB(): WasmFunction {
  const f = new WasmFunction([I32]);
  const [q, end] = panelRange(f, 0, P_B_PANELS_PER_TASK, P_N_PANELS);
  const [k, kk, kEnd, n, rs, cs, src, dst, col0, j, s] = Array.from({ length: 11 }, () => f.local(I32));
  const r = [0, 1, 2, 3].map(() => f.local(V128));
  const t = [0, 1, 2, 3].map(() => f.local(V128));
  f.i32Const(0).i32Load(P_K).set(kEnd);
  f.i32Const(0).i32Load(P_N).set(n);
  f.i32Const(0).i32Load(P_B_RS).set(rs);
  f.i32Const(0).i32Load(P_B_CS).set(cs);
  f.whileLess(q, end, 1, () => {
    f.get(q).i32Const(NR).i32Mul().set(col0);
    f.i32Const(0).i32Load(P_B).get(col0).get(cs).i32Mul().i32Add().set(src);
    f.i32Const(0).i32Load(P_PB).get(q).get(kEnd).i32Mul().i32Const(NR * 4).i32Mul().i32Add().set(dst);
    f.i32Const(0).set(k);
    // Fast paths need a full panel; they leave k, src and dst where the gather loop resumes.
    f.get(col0).i32Const(NR).i32Add().get(n).i32LeS();
    f.if(() => {
      f.get(cs).i32Const(4).i32Eq();
      f.if(
        () =>
          f.whileLess(k, kEnd, 1, () => {
            for (let v = 0; v < NR / 4; v++) f.get(dst).get(src).v128Load(v * 16).v128Store(v * 16);
            f.get(src).get(rs).i32Add().set(src).addTo(dst, NR * 4);
          }),
        () => {
          f.get(rs).i32Const(4).i32Eq();
          f.if(() => {
            f.get(kEnd).i32Const(3).i32Sub().set(kk);
            f.whileLess(k, kk, 4, () => {
              for (let jb = 0; jb < NR / 4; jb++) {
                f.get(src).get(cs).i32Const(jb * 4).i32Mul().i32Add().set(s);
                r.forEach((rv, c) => {
                  f.get(s).v128Load().set(rv);
                  if (c < 3) f.get(s).get(cs).i32Add().set(s);
                });
                f.get(r[0]).get(r[1]).f32x4Shuffle(UNPACK_LO).set(t[0]);
                f.get(r[0]).get(r[1]).f32x4Shuffle(UNPACK_HI).set(t[1]);
                f.get(r[2]).get(r[3]).f32x4Shuffle(UNPACK_LO).set(t[2]);
                f.get(r[2]).get(r[3]).f32x4Shuffle(UNPACK_HI).set(t[3]);
                const o = (a: number, b: number, lanes: readonly [number, number, number, number], row: number) =>
                  f.get(dst).get(a).get(b).f32x4Shuffle(lanes).v128Store(row * NR * 4 + jb * 16);
                o(t[0], t[2], [0, 1, 4, 5], 0);
                o(t[0], t[2], [2, 3, 6, 7], 1);
                o(t[1], t[3], [0, 1, 4, 5], 2);
                o(t[1], t[3], [2, 3, 6, 7], 3);
              }
              f.addTo(src, 16).addTo(dst, 4 * NR * 4);
            });
          });
        },
      );
    });
    // Gather whatever is left, one element at a time; columns past n read as zero.
    f.whileLess(k, kEnd, 1, () => {
      f.i32Const(0).set(j);
      f.get(src).set(s);
      f.loop((next) => {
        f.get(col0).get(j).i32Add().get(n).i32LtS();
        f.if(
          () => f.get(dst).get(s).f32Load().f32Store(),
          () => f.get(dst).f32Const(0).f32Store(),
        );
        f.get(s).get(cs).i32Add().set(s).addTo(dst, 4);
        f.get(j).i32Const(1).i32Add().tee(j).i32Const(NR).i32LtS().brIf(next);
      });
      f.get(src).get(rs).i32Add().set(src);
    });
  });
  return f;
}

/**
 * Emits `packA(task)`: copies A panels (MR rows each, zero-padded past m) into `k`-major
 * panels of MR floats per step. Row-major A interleaves row pairs with shuffles; column-major A
 * (a transposed view, as in `dyᵀ · x`) copies one 8-byte pair per step.
 */
export function emitPackA(): WasmFunction {
  const f = new WasmFunction([I32]);
  const [p, end] = panelRange(f, 0, P_A_PANELS_PER_TASK, P_M_PANELS);
  const [k, kk, kEnd, m, rs, cs, src, dst, row0] = Array.from({ length: 9 }, () => f.local(I32));
  const [v0, v1] = [f.local(V128), f.local(V128)];
  f.i32Const(0).i32Load(P_K).set(kEnd);
  f.i32Const(0).i32Load(P_M).set(m);
  f.i32Const(0).i32Load(P_A_RS).set(rs);
  f.i32Const(0).i32Load(P_A_CS).set(cs);
  f.whileLess(p, end, 1, () => {
    f.get(p).i32Const(MR).i32Mul().set(row0);
    f.i32Const(0).i32Load(P_A).get(row0).get(rs).i32Mul().i32Add().set(src);
    f.i32Const(0).i32Load(P_PA).get(p).get(kEnd).i32Mul().i32Const(MR * 4).i32Mul().i32Add().set(dst);
    f.i32Const(0).set(k);
    f.get(row0).i32Const(MR).i32Add().get(m).i32LeS();
    f.if(() => {
      f.get(cs).i32Const(4).i32Eq();
      f.if(
        () => {
          f.get(kEnd).i32Const(3).i32Sub().set(kk);
          f.whileLess(k, kk, 4, () => {
            f.get(src).v128Load().set(v0);
            f.get(src).get(rs).i32Add().v128Load().set(v1);
            f.get(dst).get(v0).get(v1).f32x4Shuffle(UNPACK_LO).v128Store();
            f.get(dst).get(v0).get(v1).f32x4Shuffle(UNPACK_HI).v128Store(16);
            f.addTo(src, 16).addTo(dst, 32);
          });
        },
        () => {
          f.get(rs).i32Const(4).i32Eq();
          f.if(() =>
            f.whileLess(k, kEnd, 1, () => {
              f.get(dst).get(src).i64Load().i64Store();
              f.get(src).get(cs).i32Add().set(src).addTo(dst, 8);
            }),
          );
        },
      );
    });
    f.whileLess(k, kEnd, 1, () => {
      for (let i = 0; i < MR; i++) {
        f.get(row0).i32Const(i).i32Add().get(m).i32LtS();
        f.if(
          () => f.get(dst).get(src).get(rs).i32Const(i).i32Mul().i32Add().f32Load().f32Store(i * 4),
          () => f.get(dst).f32Const(0).f32Store(i * 4),
        );
      }
      f.get(src).get(cs).i32Add().set(src).addTo(dst, MR * 4);
    });
  });
  return f;
}
