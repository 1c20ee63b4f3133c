import { DTypeError, ShapeError, formatShape, shapesEqual } from '@nnkit/core';
import type { Backend, BackendCapabilities, DType, DataHandle, TypedArray, View } from '@nnkit/core';
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

/** Options of `createCpuBackend`. */
export interface CpuBackendOptions {
  /** The backend's name in messages and registries; `'cpu'` unless given. */
  readonly name?: string;
}

/** The CPU backend's type: a `Backend` whose `readSync` and `dispose` are always there. */
export type CpuBackend = Backend & {
  readSync(data: DataHandle): TypedArray;
  dispose(): void;
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
  const storage = new CpuStorage(name);
  const capabilities: BackendCapabilities = {
    dtypes: ['float32', 'float64', 'int32', 'bool'],
    syncRead: true,
    fastPaths: [],
    tolerance: { rtol: 1.3e-6, atol: 1e-5 },
    device: 'cpu',
  };
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
      return adopt(matmulKernel(x, y, out(outDtype, 'matmul')), outDtype);
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
    dispose: () => storage.releaseAll(),
  };
}
