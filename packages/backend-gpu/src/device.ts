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
  /**
   * True when the source depends on no size (shapes and strides arrive as arguments): one
   * compiled kernel then serves every output and input size, which matters because compiling
   * is what costs (about 0.1 s per kernel on a software GPU).
   */
  readonly dynamic?: boolean;
}

type KernelFn = ((...args: unknown[]) => unknown) & {
  kernel?: { constructor: { mode?: string } };
  destroy?: () => void;
  setOutput?: (output: number[]) => void;
};

/**
 * One compiled gpu.js kernel. A dynamic one remembers its output size, its last result (on GL
 * it must never read that back, see `Device.instance`) and, on WebGPU, its first run.
 */
interface Compiled {
  readonly fn: KernelFn;
  readonly dynamic: boolean;
  output: number;
  last: Version | null;
  /** Settles once the first (building) run has read its settings: until then none may change. */
  built: Promise<unknown> | null;
}

/** The most elements one buffer may hold: float32 indexes exactly up to 2^24. */
export const MAX_ELEMENTS = 2 ** 24;

/**
 * Owns one gpu.js `GPU` instance and its kernels: compiles each kernel once per signature,
 * runs it on device-resident inputs, and keeps WebGPU's asynchronous kernels in order by
 * chaining each launch on its inputs' versions.
 */
export class Device {
  private readonly gpu: GPU;
  private readonly kernels = new Map<string, Compiled[]>();
  private compiledCount = 0;
  private readonly gl: boolean;

  constructor(
    readonly name: string,
    readonly resolved: ResolvedMode,
  ) {
    this.gpu = new GPU({ mode: resolved.gpuJsMode });
    this.gl = resolved.gpuJsMode === 'webgl2' || resolved.gpuJsMode === 'webgl' || resolved.gpuJsMode === 'headlessgl';
  }

  /** Number of compiled kernels (one per signature, rarely two; see `instance`). */
  get kernelCount(): number {
    return this.compiledCount;
  }

  /** Queues (or runs) a kernel writing `size` elements; the result is a new version. */
  run(spec: KernelSpec, size: number, args: readonly KernelArg[]): Version {
    if (size === 0) return Version.of(0, null);
    if (size > MAX_ELEMENTS) {
      throw new BackendError(`${this.name}: ${opName(spec)} would write ${size} elements; this backend indexes at most ${MAX_ELEMENTS} per buffer`);
    }
    const inputs = args.filter((a): a is Version => a instanceof Version);
    const compiled = this.instance(spec, size, args, inputs);
    const kernel = compiled.fn;
    for (const v of inputs) {
      if (v.size === 0) throw new BackendError(`${this.name}: ${opName(spec)} got an empty input buffer (internal error)`);
      v.pin();
    }
    const invoke = (): unknown => {
      // Resized right before the call: queued WebGPU launches of one kernel run in order.
      if (compiled.dynamic && compiled.output !== size) {
        kernel.setOutput?.([size]);
        compiled.output = size;
      }
      return kernel(...args.map((a) => (a instanceof Version ? a.value : a)));
    };
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
      const result = Version.of(size, this.checkResult(spec, kernel, out));
      if (compiled.dynamic) compiled.last = result;
      return result;
    }
    // Inputs are unpinned only once the kernel has taken them: a WebGPU kernel that is still
    // building holds its arguments until the build resolves.
    // A dynamic kernel's first WebGPU run reads its output size only once built, so later
    // launches wait for that build before they may resize it.
    const built = compiled.built;
    const launched = Promise.all([...inputs.map((v) => v.whenReady()), built]).then(invoke);
    if (compiled.dynamic && built === null) compiled.built = launched.catch(() => undefined);
    const work = launched.then((out) => this.checkResult(spec, kernel, out)).finally(unpinAll);
    const result = Version.later(size, work.catch((e: unknown) => Promise.reject(this.kernelError(spec, e))));
    if (compiled.dynamic) compiled.last = result;
    return result;
  }

  /** Frees every kernel and the gpu.js instance. */
  destroy(): void {
    this.kernels.clear();
    this.compiledCount = 0;
    void this.gpu.destroy();
  }

  /**
   * The compiled kernel for this call, compiling it on a miss. On GL a dynamic kernel must not
   * read its own last result: gpu.js then recycles an older input texture as the output, one
   * of a stale size once the kernel has been resized. Such a call takes a second instance of
   * the same kernel (compiled once more), which did not write that input.
   */
  private instance(spec: KernelSpec, size: number, args: readonly KernelArg[], inputs: readonly Version[]): Compiled {
    const dynamic = spec.dynamic === true;
    const kind = (a: KernelArg): string =>
      a instanceof Version ? (dynamic ? 'v' : `v${a.size}`) : a instanceof Float32Array ? (dynamic ? 'h' : `h${a.length}`) : 's';
    const key = `${spec.key}|${dynamic ? '*' : size}|${args.map(kind).join(',')}`;
    let list = this.kernels.get(key);
    if (!list) {
      list = [];
      this.kernels.set(key, list);
    }
    const usable = list.find((k) => !this.gl || k.last === null || !inputs.includes(k.last));
    if (usable) return usable;
    let fn: KernelFn;
    try {
      // loopMaxIterations is a real gpu.js setting that its typings leave out.
      const settings = {
        output: [size],
        pipeline: true,
        immutable: true,
        precision: 'single',
        tactic: 'precision',
        loopMaxIterations: Math.max(1000, spec.maxLoop ?? 0),
        dynamicOutput: dynamic,
        dynamicArguments: dynamic,
      } as IGPUKernelSettings;
      fn = this.gpu.createKernel(spec.source(), settings) as unknown as KernelFn;
    } catch (e) {
      throw this.kernelError(spec, e);
    }
    const k: Compiled = { fn, dynamic, output: size, last: null, built: null };
    list.push(k);
    this.compiledCount++;
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
