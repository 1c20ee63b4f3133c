import { createWasmGemm, type WasmGemm } from '@nnkit/backend-cpu/wasm';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { jsGemm } from './js-gemm.js';

/** One product to time: `C[m×n] = op(A)·op(B)`, with A stored `[k, m]` when transA, B `[n, k]` when transB. */
export interface Shape {
  readonly label: string;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly transA: boolean;
  readonly transB: boolean;
}

/** A prepared product: `run` is timed; `activate` (untimed) selects its tfjs backend first. */
export interface Prepared {
  readonly run: () => void;
  readonly activate?: () => Promise<void>;
  readonly done: () => void;
}

/** Something that multiplies: `prepare` uploads the operands and returns the call to time. */
export interface Contender {
  readonly name: string;
  /** Whether it can do this shape (the plain loop only does untransposed products). */
  handles(shape: Shape): boolean;
  /** Slow ones (plain JS, tfjs-cpu) take fewer samples. */
  readonly slow: boolean;
  prepare(shape: Shape, a: Float32Array, b: Float32Array): Promise<Prepared>;
}

function nnkit(name: string, threads: number): Contender & { gemm: WasmGemm } {
  const gemm = createWasmGemm({ threads });
  return {
    name,
    gemm,
    slow: false,
    handles: () => true,
    async prepare({ m, n, k, transA, transB }, a, b) {
      await gemm.ready();
      const av = { data: a, rowStride: transA ? 1 : k, colStride: transA ? m : 1 };
      const bv = { data: b, rowStride: transB ? 1 : n, colStride: transB ? k : 1 };
      const c = { data: new Float32Array(m * n), rowStride: n };
      return { run: () => gemm.sgemm(m, n, k, av, bv, c), done: () => {} };
    },
  };
}

function tfjs(name: string, backend: 'wasm' | 'cpu'): Contender {
  return {
    name,
    slow: backend === 'cpu',
    handles: () => true,
    async prepare({ m, n, k, transA, transB }, a, b) {
      await tf.setBackend(backend);
      const ta = tf.tensor2d(a, transA ? [k, m] : [m, k]);
      const tb = tf.tensor2d(b, transB ? [n, k] : [k, n]);
      const run = (): void => {
        const c = tf.matMul(ta, tb, transA, transB);
        c.dataSync(); // both sides include reading the product back
        c.dispose();
      };
      const activate = async (): Promise<void> => {
        await tf.setBackend(backend);
      };
      return { run, activate, done: () => tf.dispose([ta, tb]) };
    },
  };
}

const plainJs: Contender = {
  name: 'plain JS i-k-j',
  slow: true,
  handles: (s) => !s.transA && !s.transB,
  async prepare({ m, n, k }, a, b) {
    const c = new Float32Array(m * n);
    return { run: () => jsGemm(m, n, k, a, b, c), done: () => {} };
  },
};

/**
 * Every contender, after pointing tfjs-backend-wasm at the .wasm files in its own package
 * folder (no network). The ratio column compares against the one named `tfjs-wasm`.
 */
export async function contenders(threads: number): Promise<{ list: Contender[]; dispose: () => void; info: Record<string, unknown> }> {
  const require = createRequire(import.meta.url);
  const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  setWasmPaths(`${wasmDir}/`);
  await tf.setBackend('wasm');
  const info = {
    tfjsVersion: tf.version_core,
    tfjsWasmSimd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    tfjsWasmThreads: await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
  };
  const one = nnkit('nnkit wasm 1 thread', 1);
  const many = nnkit(`nnkit wasm ${threads} threads`, threads);
  await many.gemm.ready();
  const list = [one, many, tfjs('tfjs-wasm', 'wasm'), tfjs('tfjs-cpu', 'cpu'), plainJs];
  return {
    list,
    info: { ...info, nnkitThreadsStarted: many.gemm.threads },
    dispose: () => {
      one.gemm.dispose();
      many.gemm.dispose();
    },
  };
}
