import { sleb, uleb, type ValType } from './wasm-module-builder.js';

/** A branch target: the block, loop or if that `br` / `brIf` leave or repeat. */
export interface Label {
  readonly depth: number;
}

const SIMD = 0xfd;
const ATOMIC = 0xfe;

/**
 * Writes one function body as a stack-machine instruction stream. Each method appends one
 * instruction and returns `this`, so code reads in the order the machine runs it; `block`,
 * `loop` and `if` take a callback and hand it a label for branches.
 *
 * @example
 * const f = new WasmFunction([I32, I32], [I32]);
 * f.get(0).get(1).i32Add(); // returns a + b
 */
export class WasmFunction {
  private readonly code: number[] = [];
  private readonly localTypes: ValType[] = [];
  private depth = 0;

  constructor(
    readonly params: readonly ValType[],
    readonly results: readonly ValType[] = [],
  ) {}

  /** Declares a local and returns its index (parameters come first). */
  local(type: ValType): number {
    this.localTypes.push(type);
    return this.params.length + this.localTypes.length - 1;
  }

  encodeBody(): number[] {
    const out: number[] = [];
    uleb(out, this.localTypes.length);
    for (const t of this.localTypes) out.push(1, t);
    for (const b of this.code) out.push(b);
    out.push(0x0b);
    return out;
  }

  private op(...bytes: number[]): this {
    for (const b of bytes) this.code.push(b);
    return this;
  }

  private uleb(v: number): this {
    uleb(this.code, v);
    return this;
  }

  private memarg(alignLog2: number, offset: number): this {
    return this.uleb(alignLog2).uleb(offset);
  }

  private structured(opcode: number, body: (l: Label) => void, elseBody?: (l: Label) => void): this {
    this.op(opcode, 0x40);
    this.depth++;
    const label = { depth: this.depth };
    body(label);
    if (elseBody) {
      this.op(0x05);
      elseBody(label);
    }
    this.depth--;
    return this.op(0x0b);
  }

  /** A block: `br(label)` inside jumps past its end. */
  block(body: (l: Label) => void): this {
    return this.structured(0x02, body);
  }
  /** A loop: `br(label)` inside jumps back to its start. */
  loop(body: (l: Label) => void): this {
    return this.structured(0x03, body);
  }
  /** Pops an i32 condition; runs `then` when non-zero, else `otherwise`. */
  if(then: (l: Label) => void, otherwise?: (l: Label) => void): this {
    return this.structured(0x04, then, otherwise);
  }
  /**
   * `while (local < end) { body; local += step }` where `end` is a local; nothing runs when the
   * range is empty.
   */
  whileLess(local: number, end: number, step: number, body: () => void): this {
    return this.block((done) => {
      this.get(local).get(end).i32GeS().brIf(done);
      this.loop((again) => {
        body();
        this.get(local).i32Const(step).i32Add().tee(local).get(end).i32LtS().brIf(again);
      });
    });
  }
  /** `local += step`. */
  addTo(local: number, step: number): this {
    return this.get(local).i32Const(step).i32Add().set(local);
  }
  br(l: Label): this {
    return this.op(0x0c).uleb(this.depth - l.depth);
  }
  brIf(l: Label): this {
    return this.op(0x0d).uleb(this.depth - l.depth);
  }
  ret(): this {
    return this.op(0x0f);
  }
  call(fnIndex: number): this {
    return this.op(0x10).uleb(fnIndex);
  }
  drop(): this {
    return this.op(0x1a);
  }

  get(i: number): this {
    return this.op(0x20).uleb(i);
  }
  set(i: number): this {
    return this.op(0x21).uleb(i);
  }
  tee(i: number): this {
    return this.op(0x22).uleb(i);
  }

  i32Load(offset = 0): this {
    return this.op(0x28).memarg(2, offset);
  }
  i64Load(offset = 0): this {
    return this.op(0x29).memarg(3, offset);
  }
  f32Load(offset = 0): this {
    return this.op(0x2a).memarg(2, offset);
  }
  i64Store(offset = 0): this {
    return this.op(0x37).memarg(3, offset);
  }
  f32Store(offset = 0): this {
    return this.op(0x38).memarg(2, offset);
  }
  i32Const(v: number): this {
    this.code.push(0x41);
    sleb(this.code, v | 0);
    return this;
  }
  i64Const(v: bigint): this {
    this.code.push(0x42);
    sleb(this.code, v);
    return this;
  }
  f32Const(v: number): this {
    const bytes = new Uint8Array(new Float32Array([v]).buffer);
    return this.op(0x43, ...bytes);
  }

  i32Eq(): this {
    return this.op(0x46);
  }
  i32Ne(): this {
    return this.op(0x47);
  }
  i32LtS(): this {
    return this.op(0x48);
  }
  i32GtS(): this {
    return this.op(0x4a);
  }
  i32LeS(): this {
    return this.op(0x4c);
  }
  i32GeS(): this {
    return this.op(0x4e);
  }
  i32GeU(): this {
    return this.op(0x4f);
  }
  i64Ne(): this {
    return this.op(0x52);
  }
  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32DivU(): this {
    return this.op(0x6e);
  }
  i32RemU(): this {
    return this.op(0x70);
  }
  i32And(): this {
    return this.op(0x71);
  }
  i32Or(): this {
    return this.op(0x72);
  }
  i32ShrU(): this {
    return this.op(0x76);
  }
  i64Add(): this {
    return this.op(0x7c);
  }
  i32WrapI64(): this {
    return this.op(0xa7);
  }

  // 128-bit SIMD (prefix 0xfd); offsets are byte offsets added to the address operand.
  v128Load(offset = 0): this {
    return this.op(SIMD).uleb(0x00).memarg(4, offset);
  }
  v128Load32Splat(offset = 0): this {
    return this.op(SIMD).uleb(0x09).memarg(2, offset);
  }
  v128Store(offset = 0): this {
    return this.op(SIMD).uleb(0x0b).memarg(4, offset);
  }
  /** Lane shuffle of two f32x4 values: lanes 0-3 pick from the first, 4-7 from the second. */
  f32x4Shuffle(lanes: readonly [number, number, number, number]): this {
    this.op(SIMD).uleb(0x0d);
    for (const l of lanes) this.op(l * 4, l * 4 + 1, l * 4 + 2, l * 4 + 3);
    return this;
  }
  f32x4Add(): this {
    return this.op(SIMD).uleb(0xe4);
  }
  f32x4Mul(): this {
    return this.op(SIMD).uleb(0xe6);
  }
  f32x4Max(): this {
    return this.op(SIMD).uleb(0xe9);
  }
  v128Zero(): this {
    this.op(SIMD).uleb(0x0c);
    for (let i = 0; i < 16; i++) this.op(0);
    return this;
  }

  // Threads (prefix 0xfe); atomics need natural alignment.
  atomicNotify(offset = 0): this {
    return this.op(ATOMIC).uleb(0x00).memarg(2, offset);
  }
  atomicWait32(offset = 0): this {
    return this.op(ATOMIC).uleb(0x01).memarg(2, offset);
  }
  i32AtomicLoad(offset = 0): this {
    return this.op(ATOMIC).uleb(0x10).memarg(2, offset);
  }
  i64AtomicLoad(offset = 0): this {
    return this.op(ATOMIC).uleb(0x11).memarg(3, offset);
  }
  i32AtomicRmwAdd(offset = 0): this {
    return this.op(ATOMIC).uleb(0x1e).memarg(2, offset);
  }
  i64AtomicRmwCmpxchg(offset = 0): this {
    return this.op(ATOMIC).uleb(0x49).memarg(3, offset);
  }
}
