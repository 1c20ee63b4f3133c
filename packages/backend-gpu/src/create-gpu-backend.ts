import { type Backend, type BackendCapabilities, BackendError, type DataHandle, type DType, type TypedArray } from '@nnkit/core';
import { GpuContext, GPU_DTYPES } from './context.js';
import { Device } from './device.js';
import { argReduce } from './kernels/arg-reduce.js';
import { assign } from './kernels/assign.js';
import { binary, cast, copy, unary, where } from './kernels/elementwise.js';
import { full, INT_EXACT, upload } from './kernels/fill.js';
import { linear, softmaxCrossEntropy } from './kernels/fused.js';
import { gather } from './kernels/gather.js';
import { matmul } from './kernels/matmul.js';
import { random } from './kernels/random.js';
import { reduce } from './kernels/reduce.js';
import { scatterAdd } from './kernels/scatter-add.js';
import { type GpuMode, type GpuModeRequest, resolveMode } from './modes.js';
import { fromDevice } from './read.js';
import { readResident, readResidentSync } from './resident.js';
import type { Version } from './version.js';

/** Options of `createGpuBackend`. */
export interface GpuBackendOptions {
  /** Which gpu.js backend to use; `auto` (default) takes the best synchronous one. */
  readonly mode?: GpuModeRequest;
  /** Whether `auto` may settle for gpu.js's CPU kernels when no GPU exists (default true). */
  readonly allowCpuFallback?: boolean;
}

/**
 * What the GPU backend cannot do that the contract asks for, declared beside core's
 * capabilities (the conformance suite reads `capabilities.limits` and tests the declared
 * behaviour instead): both come from keeping every value in float32 on the device.
 */
export interface GpuLimits {
  /** int32 is exact within ±2^24; uploads beyond throw `ValueError`, results beyond round. */
  readonly int32Range: number;
  /** Indices stay on the device: an out-of-range one gives NaN / 0 / is skipped, not an error. */
  readonly indexBoundsChecked: false;
}

/** Core's capabilities plus the declared limits. */
export interface GpuCapabilities extends BackendCapabilities {
  readonly limits: GpuLimits;
}

/** The GPU backend: a `Backend` that also says which mode it really runs in. */
export interface GpuBackend extends Backend {
  readonly capabilities: GpuCapabilities;
  /** The mode it got: a GPU mode, or `cpu-fallback` when gpu.js found no GPU. */
  readonly mode: GpuMode;
  /** False in `cpu-fallback`: the kernels then run as plain JavaScript on the CPU. */
  readonly usesGpu: boolean;
  /** Compiled kernels so far (one per op, shape, stride and dtype signature). */
  kernelCount(): number;
  /** Device-to-host reads (`read` and `readSync` calls) so far: data stays on the device otherwise. */
  readbacks(): number;
  /** Resolves when every queued kernel has run (rejects with the first failure). */
  flush(): Promise<void>;
}

/**
 * Creates the GPU backend on gpu.js. The mode it really got is in `mode` and `name`
 * (`gpu:webgl2`, …; `gpu:cpu-fallback` when there is no GPU).
 *
 * @example
 * const b = createGpuBackend({ mode: 'auto' });
 * const x = b.upload(new Float32Array([1, 2, 3]), 'float32');
 * const y = b.unary('exp', { data: x, dtype: 'float32', shape: [3], strides: [1], offset: 0 }, 'float32');
 * await b.read(y); // Float32Array [2.718…, 7.389…, 20.08…]
 */
export function createGpuBackend(options: GpuBackendOptions = {}): GpuBackend {
  const resolved = resolveMode(options.mode ?? 'auto', options.allowCpuFallback ?? true);
  const name = `gpu:${resolved.mode}`;
  const device = new Device(name, resolved);
  const ctx = new GpuContext(name, device);
  const pending = new Set<Version>();
  const usesGpu = resolved.mode !== 'cpu-fallback';

  // Unsettled versions are remembered so that flush() can wait for them.
  const track = (version: Version): void => {
    if (version.settled) return;
    pending.add(version);
    const done = (): boolean => pending.delete(version);
    void version.whenReady().then(done, done);
  };
  const make = (dtype: DType, version: Version): DataHandle => {
    track(version);
    return ctx.wrap(version.size, dtype, version);
  };

  const capabilities: GpuCapabilities = {
    dtypes: GPU_DTYPES,
    syncRead: !resolved.async,
    fastPaths: ['linear', 'softmaxCrossEntropy'],
    tolerance: { rtol: 1e-3, atol: 1e-3 },
    device: usesGpu ? 'gpu' : 'cpu',
    limits: { int32Range: INT_EXACT, indexBoundsChecked: false },
  };

  let readCount = 0;
  const backend: GpuBackend = {
    name,
    mode: resolved.mode,
    usesGpu,
    capabilities,
    upload: (values: TypedArray | readonly number[], dtype: DType) => make(dtype, upload(ctx, values, dtype)),
    full: (size, value, dtype) => make(dtype, full(ctx, size, value, dtype)),
    async read(data) {
      const buf = ctx.buffer(data, 'read');
      readCount++;
      const version = buf.version;
      version.pin();
      try {
        const r = await version.whenReady();
        return fromDevice(r === null ? new Float32Array(0) : await readResident(r, buf.size), buf.dtype);
      } finally {
        version.unpin();
      }
    },
    release: (data) => ctx.release(data),
    memory: () => ctx.memory(),
    unary: (op, x, outDtype) => make(outDtype, unary(ctx, op, x, outDtype)),
    binary: (op, a, b, outDtype) => make(outDtype, binary(ctx, op, a, b, outDtype)),
    reduce: (op, x, axes, outDtype) => make(outDtype, reduce(ctx, op, x, axes, outDtype)),
    argReduce: (op, x, axis) => make('int32', argReduce(ctx, op, x, axis)),
    matmul: (a, b, outDtype) => make(outDtype, matmul(ctx, a, b, outDtype)),
    copy: (x) => make(x.dtype, copy(ctx, x)),
    assign(dst, src) {
      assign(ctx, dst, src);
      track(ctx.buffer(dst.data, 'assign').version);
    },
    cast: (x, dtype) => make(dtype, cast(ctx, x, dtype)),
    where: (cond, a, b, outDtype) => make(outDtype, where(ctx, cond, a, b, outDtype)),
    gather: (x, axis, index) => make(x.dtype, gather(ctx, x, axis, index)),
    scatterAdd: (x, axis, index, src) => make(x.dtype, scatterAdd(ctx, x, axis, index, src)),
    random: (dist, size, dtype, key) => make(dtype, random(ctx, dist, size, dtype, key)),
    fused: {
      linear: (x, w, b, activation) => make('float32', linear(ctx, x, w, b, activation)),
      softmaxCrossEntropy: (logits, labels) => make('float32', softmaxCrossEntropy(ctx, logits, labels)),
    },
    kernelCount: () => device.kernelCount,
    readbacks: () => readCount,
    async flush() {
      await Promise.all([...pending].map((v) => v.whenReady()));
    },
    dispose() {
      device.destroy();
    },
  };
  if (!resolved.async) {
    backend.readSync = (data: DataHandle): TypedArray => {
      const buf = ctx.buffer(data, 'readSync');
      readCount++;
      const { version } = buf;
      if (!version.settled) throw new BackendError(`${name}: readSync: the buffer is still being computed`);
      if (version.error !== null) throw version.error;
      return fromDevice(version.value === null ? new Float32Array(0) : readResidentSync(version.value, buf.size), buf.dtype);
    };
  }
  return backend;
}
