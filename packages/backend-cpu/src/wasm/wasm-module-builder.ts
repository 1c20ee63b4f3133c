import type { WasmFunction } from './wasm-function.js';

/** WebAssembly value types, by their binary codes. */
export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof I64 | typeof F32 | typeof V128;

/** Appends `value` as unsigned LEB128. */
export function uleb(out: number[], value: number): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

/** Appends `value` (an i32 or a bigint) as signed LEB128. */
export function sleb(out: number[], value: number | bigint): void {
  if (typeof value === 'number' && value === (value | 0)) {
    let v = value;
    for (;;) {
      const byte = v & 0x7f;
      v >>= 7;
      const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
      out.push(done ? byte : byte | 0x80);
      if (done) return;
    }
  }
  let v = BigInt(value);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

function name(out: number[], s: string): void {
  const bytes = new TextEncoder().encode(s);
  uleb(out, bytes.length);
  out.push(...bytes);
}

function section(out: number[], id: number, body: number[]): void {
  out.push(id);
  uleb(out, body.length);
  for (const b of body) out.push(b);
}

/** The memory a module imports as `env.memory`, in 64 KiB pages. */
export interface MemoryImport {
  readonly initialPages: number;
  readonly maximumPages: number;
  readonly shared: boolean;
}

/**
 * Assembles a module that imports one memory and defines functions; only the sections the
 * GEMM kernels need (type, import, function, export, code).
 *
 * @example
 * const m = new WasmModuleBuilder({ initialPages: 1, maximumPages: 16, shared: false });
 * m.addFunction(fn, 'run'); // fn: a WasmFunction
 * new WebAssembly.Module(m.toBytes());
 */
export class WasmModuleBuilder {
  private readonly functions: { fn: WasmFunction; exportName: string | undefined }[] = [];

  constructor(private readonly memory: MemoryImport) {}

  /** Adds a function and returns its index, which `call` takes. */
  addFunction(fn: WasmFunction, exportName?: string): number {
    this.functions.push({ fn, exportName });
    return this.functions.length - 1;
  }

  /** Reserves the next function index, to be filled by `addFunction` in the same order. */
  nextIndex(): number {
    return this.functions.length;
  }

  toBytes(): Uint8Array<ArrayBuffer> {
    const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const types: number[] = [];
    uleb(types, this.functions.length);
    for (const { fn } of this.functions) {
      types.push(0x60);
      uleb(types, fn.params.length);
      types.push(...fn.params);
      uleb(types, fn.results.length);
      types.push(...fn.results);
    }
    section(out, 1, types);

    const imports: number[] = [1];
    name(imports, 'env');
    name(imports, 'memory');
    imports.push(0x02, this.memory.shared ? 0x03 : 0x01);
    uleb(imports, this.memory.initialPages);
    uleb(imports, this.memory.maximumPages);
    section(out, 2, imports);

    const funcs: number[] = [];
    uleb(funcs, this.functions.length);
    this.functions.forEach((_, i) => uleb(funcs, i));
    section(out, 3, funcs);

    const exported = this.functions.map((f, i) => ({ ...f, i })).filter((f) => f.exportName !== undefined);
    const exports: number[] = [];
    uleb(exports, exported.length);
    for (const f of exported) {
      name(exports, f.exportName as string);
      exports.push(0x00);
      uleb(exports, f.i);
    }
    section(out, 7, exports);

    const code: number[] = [];
    uleb(code, this.functions.length);
    for (const { fn } of this.functions) {
      const body = fn.encodeBody();
      uleb(code, body.length);
      for (const b of body) code.push(b);
    }
    section(out, 10, code);
    return new Uint8Array(out);
  }
}
