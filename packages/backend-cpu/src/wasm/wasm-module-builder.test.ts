import { describe, expect, it } from 'vitest';
import { WasmFunction } from './wasm-function.js';
import { I32, sleb, uleb, V128, WasmModuleBuilder } from './wasm-module-builder.js';

const bytes = (write: (out: number[]) => void): number[] => {
  const out: number[] = [];
  write(out);
  return out;
};

describe('LEB128', () => {
  it('encodes unsigned and signed values as the spec examples do', () => {
    expect(bytes((o) => uleb(o, 0))).toEqual([0]);
    expect(bytes((o) => uleb(o, 624485))).toEqual([0xe5, 0x8e, 0x26]);
    expect(bytes((o) => uleb(o, 0xffffffff))).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(bytes((o) => sleb(o, -123456))).toEqual([0xc0, 0xbb, 0x78]);
    expect(bytes((o) => sleb(o, 63))).toEqual([0x3f]);
    expect(bytes((o) => sleb(o, 64))).toEqual([0xc0, 0x00]);
    expect(bytes((o) => sleb(o, -1n))).toEqual([0x7f]);
    expect(bytes((o) => sleb(o, -2147483648))).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
    expect(bytes((o) => sleb(o, -2147483648n))).toEqual([0x80, 0x80, 0x80, 0x80, 0x78]);
    expect(bytes((o) => sleb(o, 2 ** 40))).toEqual([0x80, 0x80, 0x80, 0x80, 0x80, 0x20]);
  });
});

describe('WasmModuleBuilder', () => {
  it('emits a module that validates and runs: loops, branches, SIMD, memory', () => {
    const m = new WasmModuleBuilder({ initialPages: 1, maximumPages: 2, shared: false });
    // sum(n): 0 + 1 + … + (n-1), through whileLess.
    const sum = new WasmFunction([I32], [I32]);
    const [i, acc] = [sum.local(I32), sum.local(I32)];
    sum.whileLess(i, 0, 1, () => sum.get(acc).get(i).i32Add().set(acc));
    sum.get(acc);
    m.addFunction(sum, 'sum');
    // axpy4(at): mem[at..at+4) = mem[at..at+4) * 2 + splat(mem[at+16]), in f32x4.
    const simd = new WasmFunction([I32]);
    const v = simd.local(V128);
    simd.get(0).v128Load32Splat(16).set(v);
    simd.get(0).get(0).v128Load().get(0).v128Load().f32x4Add().get(v).f32x4Add().v128Store();
    m.addFunction(simd, 'axpy4');
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    const wasm = m.toBytes();
    expect(WebAssembly.validate(wasm)).toBe(true);
    const ex = new WebAssembly.Instance(new WebAssembly.Module(wasm), { env: { memory } }).exports as {
      sum: (n: number) => number;
      axpy4: (at: number) => void;
    };
    expect(ex.sum(10)).toBe(45);
    expect(ex.sum(0)).toBe(0);
    const f32 = new Float32Array(memory.buffer);
    f32.set([1, 2, 3, 4, 10], 8);
    ex.axpy4(32);
    expect(Array.from(f32.subarray(8, 12))).toEqual([12, 14, 16, 18]);
  });
});
