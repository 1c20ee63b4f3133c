import { BackendError } from '@nnkit/core';
import { GPU, type IGPUKernelSettings } from 'gpu.js';
import type { ResolvedMode } from './modes.js';
import type { Resident } from './resident.js';
import { Version } from './version.js';

/** What a kernel takes, in parameter order: device buffers, host arrays, scalars. */
export type KernelArg = Version | Float32Array | number;

/** A kernel to run: its cache key (everything the source depends on) and its source. */
export interface KernelSpec {
  /** Starts with the op's name; error messages quote it. */
  readonly key: string;
  /** JavaScript source of the kernel function; built only on a cache miss. */
  readonly source: () => string;
  /** The longest loop the source contains (gpu.js caps loops at loopMaxIterations). */
  readonly maxLoop?: number;
}

type KernelFn = ((...args: unknown[]) => unknown) & { kernel?: { constructor: { mode?: string } }; destroy?: () => void };

/** The most elements one buffer may hold: float32 indexes exactly up to 2^24. */
export const MAX_ELEMENTS = 2 ** 24;

/**
 * Owns one gpu.js `GPU` instance and its kernels: compiles each kernel once per signature,
 * runs it on device-resident inputs, and keeps WebGPU's asynchronous kernels in order by
 * chaining each launch on its inputs' versions.
 */
export class Device {
  private readonly gpu: GPU;
  private readonly kernels = new Map<string, KernelFn>();

  constructor(
    readonly name: string,
    readonly resolved: ResolvedMode,
  ) {
    this.gpu = new GPU({ mode: resolved.gpuJsMode });
  }

  /** Number of compiled kernels (one per op/shape/dtype signature). */
  get kernelCount(): number {
    return this.kernels.size;
  }

  /** Queues (or runs) a kernel writing `size` elements; the result is a new version. */
  run(spec: KernelSpec, size: number, args: readonly KernelArg[]): Version {
    if (size === 0) return Version.of(0, null);
    if (size > MAX_ELEMENTS) {
      throw new BackendError(`${this.name}: ${opName(spec)} would write ${size} elements; this backend indexes at most ${MAX_ELEMENTS} per buffer`);
    }
    const kernel = this.kernel(spec, size, args);
    const inputs = args.filter((a): a is Version => a instanceof Version);
    for (const v of inputs) {
      if (v.size === 0) throw new BackendError(`${this.name}: ${opName(spec)} got an empty input buffer (internal error)`);
      v.pin();
    }
    const invoke = (): unknown => kernel(...args.map((a) => (a instanceof Version ? a.value : a)));
    const unpinAll = (): void => {
      for (const v of inputs) v.unpin();
    };
    const allReady = inputs.every((v) => v.settled && v.error === null);
    if (!this.resolved.async && allReady) {
      let out: unknown;
      try {
        out = invoke();
      } catch (e) {
        throw this.kernelError(spec, e);
      } finally {
        unpinAll();
      }
      return Version.of(size, this.checkResult(spec, kernel, out));
    }
    // Inputs are unpinned only once the kernel has taken them: a WebGPU kernel that is still
    // building holds its arguments until the build resolves.
    const work = Promise.all(inputs.map((v) => v.whenReady()))
      .then(async () => this.checkResult(spec, kernel, await invoke()))
      .finally(unpinAll);
    return Version.later(size, work.catch((e: unknown) => Promise.reject(this.kernelError(spec, e))));
  }

  /** Frees every kernel and the gpu.js instance. */
  destroy(): void {
    this.kernels.clear();
    void this.gpu.destroy();
  }

  private kernel(spec: KernelSpec, size: number, args: readonly KernelArg[]): KernelFn {
    const sig = args.map((a) => (a instanceof Version ? `v${a.size}` : a instanceof Float32Array ? `h${a.length}` : 's')).join(',');
    const key = `${spec.key}|${size}|${sig}`;
    let k = this.kernels.get(key);
    if (!k) {
      try {
        // loopMaxIterations is a real gpu.js setting that its typings leave out.
        const settings = {
          output: [size],
          pipeline: true,
          immutable: true,
          precision: 'single',
          tactic: 'precision',
          loopMaxIterations: Math.max(1000, spec.maxLoop ?? 0),
        } as IGPUKernelSettings;
        k = this.gpu.createKernel(spec.source(), settings) as unknown as KernelFn;
      } catch (e) {
        throw this.kernelError(spec, e);
      }
      this.kernels.set(key, k);
    }
    return k;
  }

  /** gpu.js silently swaps a kernel it cannot compile for a CPU one; that must not pass. */
  private checkResult(spec: KernelSpec, kernel: KernelFn, out: unknown): Resident {
    const fallback = this.resolved.mode === 'cpu-fallback';
    if (fallback ? out instanceof Float32Array : isDeviceHandle(out)) return out as Resident;
    const ran = kernel.kernel?.constructor.mode ?? typeof out;
    throw new BackendError(`${this.name}: ${opName(spec)} ran on gpu.js '${ran}' instead of '${this.resolved.gpuJsMode}' (kernel did not compile for this mode)`);
  }

  private kernelError(spec: KernelSpec, e: unknown): unknown {
    if (e instanceof BackendError) return e;
    const msg = e instanceof Error ? e.message : String(e);
    return new BackendError(`${this.name}: ${opName(spec)} kernel failed: ${msg.split('\n')[0]}`, { cause: e });
  }
}

function isDeviceHandle(out: unknown): boolean {
  return typeof out === 'object' && out !== null && !ArrayBuffer.isView(out) && typeof (out as { delete?: unknown }).delete === 'function';
}

function opName(spec: KernelSpec): string {
  return spec.key.split(/[|:]/)[0];
}
