import type { DType, TypedArray } from './dtype.js';
import type { RandomKey } from './random.js';
import type { Shape } from './shape.js';

/**
 * A backend's handle to one buffer of elements. Opaque to everyone but the backend that made
 * it; `size` and `dtype` are the buffer's, not a view's.
 */
export interface DataHandle {
  readonly size: number;
  readonly dtype: DType;
}

/**
 * A strided window onto a buffer: what every kernel receives. Element `[i0, i1, …]` lives at
 * `offset + i0*strides[0] + i1*strides[1] + …`. A stride may be 0 (broadcast) but never negative.
 */
export interface View {
  readonly data: DataHandle;
  readonly dtype: DType;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
}

/** Elementwise ops of one operand. The output has the input's shape, contiguous. */
export type UnaryOp =
  | 'neg'
  | 'abs'
  | 'sign'
  | 'exp'
  | 'log'
  | 'log1p'
  | 'expm1'
  | 'sqrt'
  | 'rsqrt'
  | 'reciprocal'
  | 'sin'
  | 'cos'
  | 'tanh'
  | 'sigmoid'
  | 'erf'
  | 'floor'
  | 'ceil'
  | 'round'
  | 'isnan'
  | 'logicalNot';

/** Elementwise ops of two operands of one dtype and one shape (broadcast already, by strides). */
export type BinaryOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'logicalAnd'
  | 'logicalOr';

/** Reductions over a set of axes. `max`/`min` propagate NaN, as PyTorch does. */
export type ReduceOp = 'sum' | 'prod' | 'max' | 'min';

/** Index of the first maximum / minimum along one axis (NaN counts as the maximum and minimum). */
export type ArgReduceOp = 'argmax' | 'argmin';

/** What a random fill draws from. */
export type RandomDistribution =
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly std: number }
  | { readonly kind: 'bernoulli'; readonly p: number };

/** Activations a fused linear kernel may apply to its output. */
export type FusedActivation = 'none' | 'relu';

/** The gradients `linearBackward` returns; null where `needs` said no. */
export interface LinearGradients {
  /** `[N, K]`: gy · w. */
  readonly dx: DataHandle | null;
  /** `[M, K]`: gyᵀ · x. */
  readonly dw: DataHandle | null;
  /** `[M]`: gy summed over the rows. */
  readonly db: DataHandle | null;
}

/** One SGD step's settings (PyTorch's `sgd`), as `sgdStep` applies them. */
export interface SgdStepOptions {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  readonly maximize: boolean;
  /** The momentum buffer is new: it takes the gradient as it is (PyTorch's first step). */
  readonly first: boolean;
}

/** One Adam / AdamW step's settings (PyTorch's `adam`), as `adamStep` applies them. */
export interface AdamStepOptions {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  /** AdamW: the weight decay shrinks θ (θ ← θ(1 − γλ)) instead of joining the gradient. */
  readonly decoupled: boolean;
  readonly amsgrad: boolean;
  readonly maximize: boolean;
  /** The step number t of this step, counting from 1 (for the bias corrections). */
  readonly step: number;
}

/**
 * Optional fused fast paths. Tensor uses one when present and composes primitives otherwise;
 * both must agree within the backend's tolerance (the conformance suite checks it).
 *
 * The optimizer steps are the contract's only kernels besides `assign` that write into existing
 * buffers: they update the parameter and its state in place. They take float32, contiguous
 * views of one size; the caller composes the update from primitives for anything else.
 */
export interface FusedKernels {
  /** `act(x · wᵀ + b)` for x `[N, K]`, w `[M, K]`, b `[M]` or null → contiguous `[N, M]`. */
  linear?(x: View, w: View, b: View | null, activation: FusedActivation): DataHandle;
  /**
   * The gradients of `linear` (float32) from the output's gradient g `[N, M]`: with `relu`,
   * gy = g where out > 0, else 0 (`out` is linear's output, needed only then); otherwise gy = g.
   * `needs` says which of dx, dw, db to compute.
   */
  linearBackward?(
    g: View,
    x: View,
    w: View,
    out: View | null,
    activation: FusedActivation,
    needs: readonly [dx: boolean, dw: boolean, db: boolean],
  ): LinearGradients;
  /**
   * Per-row softmax cross entropy: logits `[N, C]` (float), labels `[N]` (int32, each in
   * `0..C-1`) → `[N]` losses `logsumexp(row) - row[label]`, in the logits' dtype.
   */
  softmaxCrossEntropy?(logits: View, labels: View): DataHandle;
  /** SGD in place on `param` and `momentumBuffer` (null when momentum is 0). */
  sgdStep?(param: View, grad: View, momentumBuffer: View | null, options: SgdStepOptions): void;
  /** Adam / AdamW in place on `param`, the moments and (amsgrad) the running maximum. */
  adamStep?(param: View, grad: View, expAvg: View, expAvgSq: View, maxExpAvgSq: View | null, options: AdamStepOptions): void;
}

/** Names of the fused fast paths, as `capabilities.fastPaths` lists them. */
export type FastPathName = keyof FusedKernels;

/** Relative and absolute tolerance: `|got - want| <= atol + rtol * |want|`. */
export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/**
 * Parts of the contract a backend declares it cannot keep, turning a silent failure into a
 * documented, tested behaviour (the conformance suite checks the declared behaviour).
 */
export interface BackendLimits {
  /**
   * int32 values are exact only within ±int32Range (float32 storage: 2^24). Uploading a value
   * beyond it throws `ValueError`; results beyond it are unspecified.
   */
  readonly int32Range?: number;
  /**
   * False when out-of-range gather / scatterAdd / cross-entropy indices cannot throw because
   * the indices live on the device; such calls then give unspecified values or `ValueError`.
   */
  readonly indexBoundsChecked?: boolean;
}

/** What a backend declares about itself; tests and users read it instead of guessing. */
export interface BackendCapabilities {
  /** The dtypes it stores and computes; any other dtype throws `DTypeError`. */
  readonly dtypes: readonly DType[];
  /** True when `readSync` exists and works. */
  readonly syncRead: boolean;
  /** The fused fast paths it provides (the keys present in `fused`). */
  readonly fastPaths: readonly FastPathName[];
  /** How far its float32 elementwise results may sit from the float64 reference. */
  readonly tolerance: Tolerance;
  /** Where the data lives. */
  readonly device: 'cpu' | 'gpu';
  /** Limits it declares; absent means none. */
  readonly limits?: BackendLimits;
}

/** Buffers and bytes a backend holds right now. */
export interface BackendMemory {
  readonly buffers: number;
  readonly bytes: number;
}

/**
 * The contract every backend implements: storage plus a small set of primitive kernels.
 * Everything else (relu, softmax, cross-entropy, linear, …) is composed in `@nnkit/tensor`.
 *
 * Rules that hold for every kernel:
 * - Inputs are `View`s; they may be non-contiguous, offset, or broadcast (stride 0).
 * - Each kernel returns a **new** contiguous buffer (row-major, offset 0) that the caller owns
 *   and later passes to `release`; only `assign` writes into an existing buffer.
 * - Calls are synchronous; a backend may queue the work and finish it when read.
 * - A dtype outside `capabilities.dtypes` throws `DTypeError` naming the backend and the dtype.
 *
 * @example
 * const b = createCpuBackend();
 * const x = b.upload(new Float32Array([1, 2, 3]), 'float32');
 * const y = b.unary('exp', { data: x, dtype: 'float32', shape: [3], strides: [1], offset: 0 }, 'float32');
 * await b.read(y); // Float32Array [2.718…, 7.389…, 20.08…]
 */
export interface Backend {
  /** A short, unique, human name (`cpu`, `cpu-ref`, `gpu:webgl2`). */
  readonly name: string;
  readonly capabilities: BackendCapabilities;

  /** Copies `values` into a new buffer of `dtype` (values are converted as by a typed array). */
  upload(values: TypedArray | readonly number[], dtype: DType): DataHandle;
  /** A new buffer of `size` elements, each `value`. */
  full(size: number, value: number, dtype: DType): DataHandle;
  /** The buffer's elements, in its dtype's typed array. Always works. */
  read(data: DataHandle): Promise<TypedArray>;
  /** The same, synchronously; present only when `capabilities.syncRead`. */
  readSync?(data: DataHandle): TypedArray;
  /** Frees a buffer. Releasing twice is a bug in the caller and throws `BackendError`. */
  release(data: DataHandle): void;
  /** Live buffers and bytes. */
  memory(): BackendMemory;

  /** `out[i] = op(x[i])`, shape of x. Non-float inputs of float-only ops are cast by the caller. */
  unary(op: UnaryOp, x: View, outDtype: DType): DataHandle;
  /** `out[i] = a[i] op b[i]`; a and b share shape and dtype; comparisons give `bool`. */
  binary(op: BinaryOp, a: View, b: View, outDtype: DType): DataHandle;
  /** Reduces the given (sorted, distinct) axes away: output shape is x's without them. */
  reduce(op: ReduceOp, x: View, axes: readonly number[], outDtype: DType): DataHandle;
  /** int32 indices along `axis`; output shape is x's without that axis. */
  argReduce(op: ArgReduceOp, x: View, axis: number): DataHandle;
  /** Batched matmul: a `[...batch, M, K]` · b `[...batch, K, N]` → `[...batch, M, N]` (same batch dims). */
  matmul(a: View, b: View, outDtype: DType): DataHandle;
  /** A contiguous copy of a view, same dtype. */
  copy(x: View): DataHandle;
  /** Writes `src` into the region `dst` describes (same shape), in place. */
  assign(dst: View, src: View): void;
  /** A contiguous copy converted to `dtype` (floats to int32 truncate toward zero; to bool: x ≠ 0). */
  cast(x: View, dtype: DType): DataHandle;
  /** `cond ? a : b` elementwise; cond is bool; all three share a shape. */
  where(cond: View, a: View, b: View, outDtype: DType): DataHandle;
  /** torch.gather: `out[…i…] = x[…index[…i…]…]` along `axis`; output shape is index's. */
  gather(x: View, axis: number, index: View): DataHandle;
  /** A copy of x with `src` added at `index` along `axis` (torch.scatter_add); shape of x. */
  scatterAdd(x: View, axis: number, index: View, src: View): DataHandle;
  /** `size` samples of `dist`, a pure function of `key` (same key, same numbers). */
  random(dist: RandomDistribution, size: number, dtype: DType, key: RandomKey): DataHandle;

  /** Optional fused fast paths; see `FusedKernels`. */
  readonly fused?: FusedKernels;
  /** Frees everything the backend holds (GPU contexts, worker threads). */
  dispose?(): void;
}
