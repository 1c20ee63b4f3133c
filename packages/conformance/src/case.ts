import type { DType } from '@nnkit/core';
import type { Tensor } from '@nnkit/tensor';
import { expectClose } from './compare.js';
import type { SuiteContext } from './context.js';
import type { NdArray } from './reference/ndarray.js';
import { buildReference, buildTensor, type BuiltInput, type InputSpec } from './samples.js';
import { EXACT, toleranceFor } from './tolerance.js';

/** An error an op must throw: its class, and words its message must contain (op, shapes). */
export interface ExpectedError {
  readonly throws: abstract new (...args: never[]) => Error;
  readonly mentions?: readonly string[];
}

/** What the oracle says: the outputs' values, or an error. */
export type Expected = NdArray | readonly NdArray[] | ExpectedError;

/**
 * One op applied to one set of inputs, checked against the float64 oracle. Plain data plus
 * two functions, so that the memory section can replay it to look for leaks.
 */
export interface ValueCase {
  /** The test's title, unique within its section: `exp · float32 · transposed`. */
  readonly name: string;
  /** The op, for messages and for grouping in the memory section. */
  readonly op: string;
  /** The dtype the case is about (its inputs'). */
  readonly dtype: DType;
  readonly inputs: readonly InputSpec[];
  /** Runs the op through the public tensor API. */
  run(inputs: readonly Tensor[]): Tensor | readonly Tensor[];
  /** The oracle, on the same inputs. */
  expected(inputs: readonly NdArray[]): Expected;
  /** Elements combined into each result (the √n rule); 1 when absent. */
  readonly combined?: number;
  /** Bit-exact comparison even for floats (views, copies, selections). */
  readonly exact?: boolean;
}

/** A check that is not one op against the oracle (determinism, bookkeeping, declarations). */
export interface Check {
  readonly name: string;
  run(): void | Promise<void>;
}

function isExpectedError(e: Expected): e is ExpectedError {
  return typeof e === 'object' && e !== null && 'throws' in e;
}

function toList<T>(v: T | readonly T[]): readonly T[] {
  return Array.isArray(v) ? (v as readonly T[]) : [v as T];
}

/** Throws unless `fn` throws `e.throws` with every word of `e.mentions` in its message. */
export function expectThrows(fn: () => unknown, e: ExpectedError, what: string): void {
  let result: unknown;
  try {
    result = fn();
  } catch (err) {
    if (!(err instanceof e.throws)) {
      throw new Error(`${what}: threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}, want ${e.throws.name}`);
    }
    const missing = (e.mentions ?? []).filter((w) => !err.message.includes(w));
    if (missing.length > 0) {
      throw new Error(`${what}: message "${err.message}" does not mention ${missing.map((w) => `"${w}"`).join(', ')}`);
    }
    return;
  }
  for (const t of toList(result as Tensor | Tensor[])) (t as Partial<Tensor>)?.dispose?.();
  throw new Error(`${what}: returned normally, want ${e.throws.name}`);
}

/**
 * Builds the case's inputs, runs the op, compares every output with the oracle, and disposes
 * outputs and inputs whatever happens.
 */
export async function runValueCase(ctx: SuiteContext, c: ValueCase): Promise<void> {
  const built: BuiltInput[] = [];
  const outputs: Tensor[] = [];
  try {
    for (const spec of c.inputs) built.push(buildTensor(spec));
    const expected = c.expected(c.inputs.map(buildReference));
    const tensors = built.map((b) => b.tensor);
    if (isExpectedError(expected)) {
      expectThrows(() => c.run(tensors), expected, c.op);
      return;
    }
    outputs.push(...toList(c.run(tensors)));
    const want = toList(expected);
    if (outputs.length !== want.length) throw new Error(`${c.op}: ${outputs.length} outputs, want ${want.length}`);
    for (let i = 0; i < want.length; i++) {
      const tol = c.exact ? EXACT : toleranceFor(ctx.tolerances, want[i].dtype, c.combined);
      await expectClose(outputs[i], want[i], tol, want.length > 1 ? `${c.op} output ${i}` : c.op);
    }
  } finally {
    for (const t of outputs) t.dispose();
    for (const b of built) for (const t of b.owned) t.dispose();
  }
}
