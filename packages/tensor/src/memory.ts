import type { Backend } from '@nnkit/core';

/** Live tensors, buffers and bytes, in total and per backend. */
export interface MemoryInfo {
  /** Tensor handles not yet disposed (views count once each). */
  readonly tensors: number;
  /** Buffers the backends hold. */
  readonly buffers: number;
  /** Bytes the backends hold. */
  readonly bytes: number;
  readonly byBackend: Readonly<Record<string, { tensors: number; buffers: number; bytes: number }>>;
}

const liveTensors = new Map<Backend, number>();

/** Counts a new tensor handle on `backend` (Tensor constructor). */
export function countTensor(backend: Backend, delta: 1 | -1): void {
  liveTensors.set(backend, (liveTensors.get(backend) ?? 0) + delta);
}

/**
 * What is alive right now. A test can prove that a step leaks nothing by comparing
 * `memory().tensors` before and after.
 *
 * @example
 * const before = memory().tensors;
 * tidy(() => x.add(1).mul(2));
 * memory().tensors === before; // true
 */
export function memory(): MemoryInfo {
  const byBackend: Record<string, { tensors: number; buffers: number; bytes: number }> = {};
  let tensors = 0;
  let buffers = 0;
  let bytes = 0;
  for (const [backend, count] of liveTensors) {
    const m = backend.memory();
    byBackend[backend.name] = { tensors: count, buffers: m.buffers, bytes: m.bytes };
    tensors += count;
    buffers += m.buffers;
    bytes += m.bytes;
  }
  return { tensors, buffers, bytes, byBackend };
}
