import { WasmFunction } from './wasm-function.js';
import { I32, V128 } from './wasm-module-builder.js';

/** Epilogue and accumulation switches the micro-kernel reads from its `flags` argument. */
export const KERNEL_LOAD_C = 1;
export const KERNEL_BIAS = 2;
export const KERNEL_RELU = 4;

/** The register tile: `mr` rows by `nr` columns (`nr` a multiple of 4). */
export interface MicroTile {
  readonly mr: number;
  readonly nr: number;
}

/**
 * Emits `kernel(pa, aRow, aK, pb, kc, c, ldc, flags, bias)`: `C[mr×nr] (+)= A · Bpanel` over
 * `kc` steps, with the tile held in `mr·nr/4` f32x4 locals. Element `(i, k)` of A is the float
 * at `pa + i·aRow + k·aK` (bytes), so the kernel reads packed panels (aRow 4, aK 4·mr) and
 * row-major A in place (aRow = row stride, aK 4) alike; `pb` holds `nr` packed floats per k
 * step. `c` and `ldc` are a byte address and stride. With `KERNEL_LOAD_C` the tile starts from
 * C, else from zero; `KERNEL_BIAS` adds `bias[0..nr)`, `KERNEL_RELU` clamps at zero (NaN stays
 * NaN), both after the k loop.
 *
 * @example
 * builder.addFunction(emitMicroKernel({ mr: 2, nr: 16 }));
 */
export function emitMicroKernel(tile: MicroTile): WasmFunction {
  const { mr, nr } = tile;
  const nv = nr / 4;
  const f = new WasmFunction([I32, I32, I32, I32, I32, I32, I32, I32, I32]);
  const [pa, aRow, aK, pb, kc, c, ldc, flags, bias] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const row = f.local(I32);
  const aPtr = Array.from({ length: mr }, () => f.local(I32));
  const acc: number[][] = [];
  for (let i = 0; i < mr; i++) acc.push(Array.from({ length: nv }, () => f.local(V128)));
  const bv = Array.from({ length: nv }, () => f.local(V128));
  const av = f.local(V128);

  const forEachRow = (body: (i: number) => void): void => {
    f.get(c).set(row);
    for (let i = 0; i < mr; i++) {
      body(i);
      if (i < mr - 1) f.get(row).get(ldc).i32Add().set(row);
    }
  };

  // Start from C or from zero.
  f.get(flags).i32Const(KERNEL_LOAD_C).i32And();
  f.if(
    () => forEachRow((i) => acc[i].forEach((a, j) => f.get(row).v128Load(j * 16).set(a))),
    () => acc.flat().forEach((a) => f.v128Zero().set(a)),
  );
  aPtr.forEach((p, i) => (i === 0 ? f.get(pa).set(p) : f.get(aPtr[i - 1]).get(aRow).i32Add().set(p)));

  // One k step per trip: on V8 a plain loop measures fastest; unrolled bodies get their loads
  // hoisted and spill.
  f.block((done) => {
    f.get(kc).i32Const(1).i32LtS().brIf(done);
    f.loop((again) => {
      bv.forEach((b, j) => f.get(pb).v128Load(j * 16).set(b));
      for (let i = 0; i < mr; i++) {
        f.get(aPtr[i]).v128Load32Splat().set(av);
        for (let j = 0; j < nv; j++) f.get(acc[i][j]).get(av).get(bv[j]).f32x4Mul().f32x4Add().set(acc[i][j]);
        f.get(aPtr[i]).get(aK).i32Add().set(aPtr[i]);
      }
      f.get(pb).i32Const(nr * 4).i32Add().set(pb);
      f.get(kc).i32Const(1).i32Sub().tee(kc).i32Const(0).i32GtS().brIf(again);
    });
  });

  f.get(flags).i32Const(KERNEL_BIAS).i32And();
  f.if(() => {
    bv.forEach((b, j) => f.get(bias).v128Load(j * 16).set(b));
    acc.forEach((r) => r.forEach((a, j) => f.get(a).get(bv[j]).f32x4Add().set(a)));
  });
  f.get(flags).i32Const(KERNEL_RELU).i32And();
  f.if(() => {
    // max(x, 0) keeps NaN on every engine: f32x4.max propagates NaN operands.
    f.v128Zero().set(av);
    acc.flat().forEach((a) => f.get(a).get(av).f32x4Max().set(a));
  });
  forEachRow((i) => acc[i].forEach((a, j) => f.get(row).get(a).v128Store(j * 16)));
  return f;
}
