import { DTypeError, ShapeError, formatShape, shapesEqual } from '@nnkit/core';
import type { Backend, BackendCapabilities, DType, DataHandle, FusedKernels, TypedArray, View } from '@nnkit/core';
import { argReduceKernel } from './kernels/arg-reduce.js';
import { assignKernel } from './kernels/assign.js';
import { binaryKernel } from './kernels/binary.js';
import { castKernel } from './kernels/cast.js';
import { copyKernel } from './kernels/copy.js';
import { fullKernel, uploadKernel } from './kernels/full.js';
import { gatherKernel } from './kernels/gather.js';
import { matmulKernel } from './kernels/matmul.js';
import { randomKernel } from './kernels/random.js';
import { reduceKernel } from './kernels/reduce.js';
import { scatterAddKernel } from './kernels/scatter-add.js';
import { unaryKernel } from './kernels/unary.js';
import { whereKernel } from './kernels/where.js';
import { checkDType, resolveView } from './resolve.js';
import type { Resolved } from './resolve.js';
import { CpuStorage } from './storage.js';
import { fusedLinear } from './fast/fused-linear.js';
import { linearBackward } from './fast/linear-backward.js';
import { adamStepKernel, sgdStepKernel } from './fast/optimizer-steps.js';
import { softmaxCrossEntropyKernel } from './fast/softmax-cross-entropy.js';
import { wasmMatmul } from './fast/wasm-matmul.js';
import { createWasmGemm, type WasmGemm } from './wasm/index.js';

/** Options of `createCpuBackend`. */
export interface CpuBackendOptions {
  /** The backend's name in messages and registries; `'cpu'` unless given. */
  readonly name?: string;
  /**
   * Use the WebAssembly SIMD GEMM for float32 matmul and the fused fast paths (default true).
   * `false` gives the plain-JS reference kernels only.
   */
  readonly wasm?: boolean;
  /** Threads the GEMM may use, the caller's included (default 2, capped by the cores). */
  readonly threads?: number;
}

/** The CPU backend's type: a `Backend` whose `readSync` and `dispose` are always there. */
export type CpuBackend = Backend & {
  readSync(data: DataHandle): TypedArray;
  dispose(): void;
  /** Threads a large float32 product runs on right now (1 before the GEMM's workers are up, and without `wasm`). */
  readonly threads: number;
  /**
   * Starts the WebAssembly GEMM and its worker threads, and resolves when they can take work
   * (as TF.js's `tf.ready()`). Optional: without it the workers start with the first product.
   * In a browser they need a cross-origin isolated page (SharedArrayBuffer); otherwise one thread.
   */
  ready(): Promise<void>;
};

/**
 * The CPU backend: every primitive of the `Backend` contract for float32, float64, int32 and
 * bool (0/1 bytes), on any strided view, computing in float64 and storing in the output dtype.
 * Each call creates independent storage, so handles cannot cross between two instances.
 *
 * @example
 * const cpu = createCpuBackend();
 * const x = cpu.upload([1, 2, 3], 'float32');
 * const y = cpu.unary('exp', { data: x, dtype: 'float32', shape: [3], strides: [1], offset: 0 }, 'float32');
 * cpu.readSync(y); // Float32Array [2.718…, 7.389…, 20.08…]
 * cpu.release(x); cpu.release(y);
 */
export function createCpuBackend(options: CpuBackendOptions = {}): CpuBackend {
  const name = options.name ?? 'cpu';
  const useWasm = options.wasm ?? true;
  const storage = new CpuStorage(name);
  const capabilities: BackendCapabilities = {
    dtypes: ['float32', 'float64', 'int32', 'bool'],
    syncRead: true,
    fastPaths: useWasm ? ['linear', 'linearBackward', 'softmaxCrossEntropy', 'sgdStep', 'adamStep'] : [],
    tolerance: { rtol: 1.3e-6, atol: 1e-5 },
    device: 'cpu',
  };
  // One GEMM (with its workers) per backend, made on first use.
  let gemmInstance: WasmGemm | null = null;
  const gemm = (): WasmGemm => (gemmInstance ??= createWasmGemm({ threads: options.threads ?? 2 }));
  const view = (v: View, op: string): Resolved => resolveView(storage, v, op);
  const out = (dtype: DType, op: string): DType => {
    checkDType(name, dtype, op);
    return dtype;
  };
  const adopt = (array: TypedArray, dtype: DType): DataHandle => storage.adopt(array, dtype);
  const sameShape = (op: string, ...vs: Resolved[]): void => {
    if (!vs.every((v) => shapesEqual(v.shape, vs[0].shape))) {
      const shapes = vs.map((v) => formatShape(v.shape));
      throw new ShapeError(`${op}: shapes ${shapes.slice(0, -1).join(', ')} and ${shapes[shapes.length - 1]} differ`);
    }
  };
  const needDType = (op: string, v: Resolved, dtype: DType, what: string): void => {
    if (v.dtype !== dtype) throw new DTypeError(`${name}: ${op}: ${what} must be ${dtype}, got ${v.dtype}`);
  };

  const fused: FusedKernels = {
    linear(x, w, b, activation) {
      const [vx, vw] = [view(x, 'linear'), view(w, 'linear')];
      const vb = b ? view(b, 'linear') : null;
      for (const v of vb ? [vw, vb] : [vw]) needDType('linear', v, vx.dtype, 'every operand');
      return adopt(fusedLinear(gemm, vx, vw, vb, activation), vx.dtype);
    },
    linearBackward(g, x, w, outView, activation, needs) {
      const op = 'linearBackward';
      const [vg, vx, vw] = [view(g, op), view(x, op), view(w, op)];
      const vo = outView ? view(outView, op) : null;
      for (const [what, v] of [['the gradient', vg], ['the input', vx], ['the weight', vw], ['the output', vo]] as const) {
        if (v) needDType(op, v, 'float32', what);
      }
      const grads = linearBackward(gemm, vg, vx, vw, vo, activation, needs);
      const wrap = (a: Float32Array | null): DataHandle | null => (a ? adopt(a, 'float32') : null);
      return { dx: wrap(grads.dx), dw: wrap(grads.dw), db: wrap(grads.db) };
    },
    softmaxCrossEntropy(logits, labels) {
      const [vl, vy] = [view(logits, 'softmaxCrossEntropy'), view(labels, 'softmaxCrossEntropy')];
      needDType('softmaxCrossEntropy', vy, 'int32', 'the labels');
      return adopt(softmaxCrossEntropyKernel(vl, vy, vl.dtype), vl.dtype);
    },
    sgdStep(param, grad, buffer, o) {
      sgdStepKernel(view(param, 'sgdStep'), view(grad, 'sgdStep'), buffer ? view(buffer, 'sgdStep') : null, o);
    },
    adamStep(param, grad, m, v, vmax, o) {
      const op = 'adamStep';
      adamStepKernel(view(param, op), view(grad, op), view(m, op), view(v, op), vmax ? view(vmax, op) : null, o);
    },
  };

  return {
    name,
    capabilities,
    upload: (values, dtype) => adopt(uploadKernel(values, out(dtype, 'upload')), dtype),
    full: (size, value, dtype) => adopt(fullKernel(size, value, out(dtype, 'full')), dtype),
    read: (data) => {
      try {
        return Promise.resolve(storage.array(data, 'read').slice());
      } catch (e) {
        return Promise.reject(e);
      }
    },
    readSync: (data) => storage.array(data, 'readSync').slice(),
    release: (data) => storage.release(data),
    memory: () => storage.memory(),

    unary: (op, x, outDtype) => adopt(unaryKernel(op, view(x, `unary ${op}`), out(outDtype, 'unary')), outDtype),
    binary(op, a, b, outDtype) {
      const [x, y] = [view(a, `binary ${op}`), view(b, `binary ${op}`)];
      sameShape(op, x, y);
      needDType(op, y, x.dtype, 'both operands');
      return adopt(binaryKernel(op, x, y, x.dtype, out(outDtype, op)), outDtype);
    },
    reduce: (op, x, axes, outDtype) => adopt(reduceKernel(op, view(x, op), axes, out(outDtype, op)), outDtype),
    argReduce: (op, x, axis) => adopt(argReduceKernel(op, view(x, op), axis), 'int32'),
    matmul(a, b, outDtype) {
      const [x, y] = [view(a, 'matmul'), view(b, 'matmul')];
      needDType('matmul', y, x.dtype, 'both operands');
      const fast = useWasm && outDtype === 'float32' ? wasmMatmul(gemm, x, y) : null;
      return adopt(fast ?? matmulKernel(x, y, out(outDtype, 'matmul')), outDtype);
    },
    copy(x) {
      const v = view(x, 'copy');
      return adopt(copyKernel(v, v.dtype), v.dtype);
    },
    assign(dst, src) {
      const [d, s] = [view(dst, 'assign'), view(src, 'assign')];
      sameShape('assign', d, s);
      assignKernel(d, d.dtype, s, s.dtype);
    },
    cast(x, dtype) {
      const v = view(x, 'cast');
      return adopt(castKernel(v, v.dtype, out(dtype, 'cast')), dtype);
    },
    where(cond, a, b, outDtype) {
      const [c, x, y] = [view(cond, 'where'), view(a, 'where'), view(b, 'where')];
      sameShape('where', c, x, y);
      needDType('where', c, 'bool', 'the condition');
      return adopt(whereKernel(c, x, y, out(outDtype, 'where')), outDtype);
    },
    gather(x, axis, index) {
      const [v, i] = [view(x, 'gather'), view(index, 'gather')];
      needDType('gather', i, 'int32', 'the index');
      return adopt(gatherKernel(v, v.dtype, axis, i), v.dtype);
    },
    scatterAdd(x, axis, index, src) {
      const [v, i, s] = [view(x, 'scatterAdd'), view(index, 'scatterAdd'), view(src, 'scatterAdd')];
      needDType('scatterAdd', i, 'int32', 'the index');
      needDType('scatterAdd', s, v.dtype, 'src (the input dtype)');
      return adopt(scatterAddKernel(v, v.dtype, axis, i, s), v.dtype);
    },
    random: (dist, size, dtype, key) => adopt(randomKernel(dist, size, out(dtype, 'random'), key, name), dtype),
    fused: useWasm ? fused : undefined,
    get threads() {
      return gemmInstance?.threads ?? 1;
    },
    ready: () => (useWasm ? gemm().ready() : Promise.resolve()),
    dispose: () => {
      gemmInstance?.dispose();
      gemmInstance = null;
      storage.releaseAll();
    },
  };
}
