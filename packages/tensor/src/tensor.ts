import {
  AutogradError,
  DTypeError,
  DisposedError,
  ShapeError,
  ValueError,
  isContiguous,
  isFloatDType,
  sizeOf,
  type Backend,
  type DType,
  type TypedArray,
} from '@nnkit/core';
import { runBackward, type BackwardOptions, type GradHook, type GradNode } from './autograd-hooks.js';
import { formatTensor } from './format.js';
import { countTensor } from './memory.js';
import { activations as act } from './ops/activations.js';
import * as bin from './ops/binary.js';
import { cast, transfer } from './ops/cast.js';
import * as idx from './ops/indexing.js';
import * as join from './ops/join.js';
import { linear, matmul } from './ops/matmul.js';
import { readContiguous, readContiguousSync, toNested, type Nested } from './ops/read.js';
import * as red from './ops/reduce.js';
import * as stat from './ops/statistics.js';
import * as un from './ops/unary.js';
import * as vw from './ops/views.js';
import { where, clamp } from './ops/where.js';
import { setTensorCheck, trackTensor } from './scope.js';
import type { Storage } from './storage.js';

type TL = Tensor | number | boolean;
type Axis = number | readonly number[];

let nextId = 1;

/**
 * An n-dimensional array on a backend: a strided view (shape, strides, offset) over shared
 * storage. Every op returns a new tensor at once; reading values is asynchronous (`data()`,
 * `item()`), with `dataSync()` where the backend can.
 *
 * @example
 * const x = tensor([[1, 2], [3, 4]], { dtype: 'float32' });
 * const y = x.matmul(x.T).relu().sum();
 * await y.item(); // 30
 */
export class Tensor {
  /** A unique number, for graphs and error messages. */
  readonly id = nextId++;
  /** Accumulated gradient (set by `@nnkit/autograd`'s backward). */
  grad: Tensor | null = null;
  /** The graph node that made this tensor, or null for leaves. */
  gradFn: GradNode | null = null;
  /** Display name (parameters get their dotted names, for graphs). */
  name: string | undefined;
  /** Hooks on this leaf's gradient, run before it accumulates into `grad`. */
  readonly leafHooks: GradHook[] = [];
  private _requiresGrad = false;
  private _disposed = false;

  /** @internal Use the creation functions (`tensor`, `zeros`, …) instead. */
  constructor(
    /** @internal */ public storage: Storage,
    readonly dtype: DType,
    readonly shape: readonly number[],
    readonly strides: readonly number[],
    readonly offset: number,
  ) {
    countTensor(storage.backend, 1);
    trackTensor(this);
  }

  /** The backend this tensor's storage lives on. */
  get backend(): Backend {
    return this.storage.backend;
  }
  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }
  /** Number of elements. */
  get size(): number {
    return sizeOf(this.shape);
  }
  /** True after `dispose()`. */
  get isDisposed(): boolean {
    return this._disposed;
  }
  /** True when the elements lie in row-major order without gaps. */
  get isContiguous(): boolean {
    return isContiguous(this.shape, this.strides);
  }

  // ---- autograd surface (the engine lives in @nnkit/autograd) ----

  /** Whether ops on this tensor are recorded for backward. Only float tensors may. */
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }
  set requiresGrad(value: boolean) {
    if (value && !isFloatDType(this.dtype)) {
      throw new DTypeError(`requiresGrad: only float tensors can require gradients, got ${this.dtype}`);
    }
    if (!value && this.gradFn !== null) {
      throw new AutogradError('requiresGrad: cannot turn it off on a non-leaf tensor; use detach()');
    }
    this._requiresGrad = value;
  }
  /** Sets `requiresGrad` in place and returns this tensor. */
  requiresGrad_(value = true): this {
    this.requiresGrad = value;
    return this;
  }
  /** True for tensors not made by a recorded op (user-created tensors and parameters). */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }
  /**
   * Backpropagates from this tensor into the `.grad` of the leaves; needs `@nnkit/autograd`.
   * Scalars need no gradient: `loss.backward()`, `loss.backward({ retainGraph: true })`;
   * others take one of their own shape: `y.backward(g)`.
   */
  backward(gradient?: Tensor | BackwardOptions, options: BackwardOptions = {}): void {
    if (gradient instanceof Tensor || gradient === undefined) runBackward(this, gradient, options);
    else runBackward(this, undefined, gradient);
  }
  /**
   * Runs `hook` on this tensor's gradient during backward; a returned tensor replaces it.
   * Returns a function that removes the hook.
   */
  registerHook(hook: GradHook): () => void {
    if (this.gradFn) return this.gradFn.registerHook(hook);
    if (!this.requiresGrad) throw new AutogradError("registerHook: this tensor doesn't require grad, so no gradient flows into it");
    this.leafHooks.push(hook);
    return () => {
      const i = this.leafHooks.indexOf(hook);
      if (i >= 0) this.leafHooks.splice(i, 1);
    };
  }
  /** A tensor sharing this one's storage, cut from the graph. */
  detach(): Tensor {
    return vw.detach(this);
  }
  /** @internal Lets autograd mark op outputs. */
  _setRequiresGrad(value: boolean): void {
    this._requiresGrad = value;
  }

  // ---- reading ----

  /** The elements in row-major order, as a new typed array. */
  data(): Promise<TypedArray> {
    return readContiguous(this);
  }
  /** The same, synchronously; throws `BackendError` if the backend cannot read synchronously. */
  dataSync(): TypedArray {
    return readContiguousSync(this);
  }
  /** The single element of a one-element tensor. */
  async item(): Promise<number> {
    if (this.size !== 1) throw new ValueError(`item: tensor of shape ${JSON.stringify(this.shape)} has ${this.size} elements, not 1`);
    return (await this.data())[0];
  }
  /** The single element, synchronously. */
  itemSync(): number {
    if (this.size !== 1) throw new ValueError(`item: tensor of shape ${JSON.stringify(this.shape)} has ${this.size} elements, not 1`);
    return this.dataSync()[0];
  }
  /** Nested JS arrays of the values (bools as booleans). */
  async toArray(): Promise<Nested> {
    return toNested(await this.data(), this.shape, this.dtype);
  }
  /** Prints like PyTorch: `tensor([[1., 2.], [3., 4.]])`. */
  toString(): string {
    return formatTensor(this);
  }

  // ---- memory ----

  /**
   * Frees this handle (and its `.grad`, which belongs to it); the storage goes when its last
   * view does. Disposing twice is harmless.
   */
  dispose(): void {
    if (this._disposed) return;
    this._disposed = true;
    this.grad?.dispose();
    this.grad = null;
    countTensor(this.storage.backend, -1);
    this.storage.release();
    const node = this.gradFn;
    this.gradFn = null;
    node?.release();
  }
  [Symbol.dispose](): void {
    this.dispose();
  }
  /** @internal Throws if disposed. */
  _assertAlive(op: string): void {
    if (this._disposed) throw new DisposedError(`${op}: tensor ${this.id} was disposed`);
  }
  /**
   * Replaces this tensor's values with `src`'s, in place (same shape; dtype converted).
   * Meant for optimizers and loaders, outside gradient recording.
   */
  copy_(src: Tensor): this {
    vw.copyInto(this, src);
    return this;
  }

  /**
   * Makes this tensor a handle on `src`'s storage and layout (same shape; dtype and backend
   * may differ), keeping its identity — how optimizers update parameters and how
   * `module.to(backend)` moves them without breaking references. Not recorded.
   */
  set_(src: Tensor): this {
    this._assertAlive('set_');
    src._assertAlive('set_');
    if (src.shape.length !== this.shape.length || src.shape.some((d, i) => d !== this.shape[i])) {
      throw new ShapeError(`set_: source shape ${JSON.stringify(src.shape)} differs from ${JSON.stringify(this.shape)}`);
    }
    const old = this.storage;
    src.storage.retain();
    if (old.backend !== src.backend) {
      countTensor(old.backend, -1);
      countTensor(src.backend, 1);
    }
    const self = this as { -readonly [K in 'storage' | 'dtype' | 'strides' | 'offset']: Tensor[K] };
    self.storage = src.storage;
    self.dtype = src.dtype;
    self.strides = src.strides;
    self.offset = src.offset;
    old.release();
    return this;
  }

  // ---- conversions ----

  /** Casts to a dtype (`t.to('int32')`) or moves to a backend (`t.to(gpu)`). Same target → this. */
  to(target: DType | Backend): Tensor {
    return typeof target === 'string' ? cast(this, target) : transfer(this, target);
  }
  /** A contiguous copy that is part of the graph. */
  clone(): Tensor {
    return vw.contiguous(this, true);
  }

  // ---- elementwise ----
  add(o: TL): Tensor { return bin.add(this, o); }
  sub(o: TL): Tensor { return bin.sub(this, o); }
  mul(o: TL): Tensor { return bin.mul(this, o); }
  div(o: TL): Tensor { return bin.div(this, o); }
  pow(o: TL): Tensor { return bin.pow(this, o); }
  maximum(o: TL): Tensor { return bin.maximum(this, o); }
  minimum(o: TL): Tensor { return bin.minimum(this, o); }
  eq(o: TL): Tensor { return bin.eq(this, o); }
  ne(o: TL): Tensor { return bin.ne(this, o); }
  lt(o: TL): Tensor { return bin.lt(this, o); }
  le(o: TL): Tensor { return bin.le(this, o); }
  gt(o: TL): Tensor { return bin.gt(this, o); }
  ge(o: TL): Tensor { return bin.ge(this, o); }
  logicalAnd(o: TL): Tensor { return bin.logicalAnd(this, o); }
  logicalOr(o: TL): Tensor { return bin.logicalOr(this, o); }
  logicalNot(): Tensor { return un.logicalNot(this); }
  neg(): Tensor { return un.neg(this); }
  abs(): Tensor { return un.abs(this); }
  sign(): Tensor { return un.sign(this); }
  exp(): Tensor { return un.exp(this); }
  log(): Tensor { return un.log(this); }
  log1p(): Tensor { return un.log1p(this); }
  expm1(): Tensor { return un.expm1(this); }
  sqrt(): Tensor { return un.sqrt(this); }
  rsqrt(): Tensor { return un.rsqrt(this); }
  square(): Tensor { return un.square(this); }
  reciprocal(): Tensor { return un.reciprocal(this); }
  sin(): Tensor { return un.sin(this); }
  cos(): Tensor { return un.cos(this); }
  tanh(): Tensor { return un.tanh(this); }
  sigmoid(): Tensor { return un.sigmoid(this); }
  erf(): Tensor { return un.erf(this); }
  floor(): Tensor { return un.floor(this); }
  ceil(): Tensor { return un.ceil(this); }
  round(): Tensor { return un.round(this); }
  isnan(): Tensor { return un.isnan(this); }
  relu(): Tensor { return act.relu(this); }
  leakyRelu(negativeSlope?: number): Tensor { return act.leakyRelu(this, negativeSlope); }
  elu(alpha?: number): Tensor { return act.elu(this, alpha); }
  gelu(approximate?: 'none' | 'tanh'): Tensor { return act.gelu(this, approximate); }
  softplus(beta?: number, threshold?: number): Tensor { return act.softplus(this, beta, threshold); }
  silu(): Tensor { return act.silu(this); }
  clamp(min?: number | null, max?: number | null): Tensor { return clamp(this, min, max); }
  where(cond: Tensor, other: TL): Tensor { return where(cond, this, other); }

  // ---- reductions ----
  sum(axis?: Axis, keepdim?: boolean): Tensor { return red.sum(this, axis, keepdim); }
  mean(axis?: Axis, keepdim?: boolean): Tensor { return red.mean(this, axis, keepdim); }
  prod(axis?: Axis, keepdim?: boolean): Tensor { return red.prod(this, axis, keepdim); }
  max(axis?: Axis, keepdim?: boolean): Tensor { return red.max(this, axis, keepdim); }
  min(axis?: Axis, keepdim?: boolean): Tensor { return red.min(this, axis, keepdim); }
  argmax(axis?: number, keepdim?: boolean): Tensor { return red.argmax(this, axis, keepdim); }
  argmin(axis?: number, keepdim?: boolean): Tensor { return red.argmin(this, axis, keepdim); }
  all(axis?: Axis, keepdim?: boolean): Tensor { return red.all(this, axis, keepdim); }
  any(axis?: Axis, keepdim?: boolean): Tensor { return red.any(this, axis, keepdim); }
  var(axis?: Axis, options?: stat.VarianceOptions): Tensor { return stat.variance(this, axis, options); }
  std(axis?: Axis, options?: stat.VarianceOptions): Tensor { return stat.std(this, axis, options); }
  logsumexp(axis: Axis, keepdim?: boolean): Tensor { return stat.logsumexp(this, axis, keepdim); }
  softmax(axis: number): Tensor { return stat.softmax(this, axis); }
  logSoftmax(axis: number): Tensor { return stat.logSoftmax(this, axis); }
  norm(p?: number, axis?: Axis, keepdim?: boolean): Tensor { return stat.norm(this, p, axis, keepdim); }

  // ---- linear algebra ----
  matmul(o: Tensor): Tensor { return matmul(this, o); }
  linear(weight: Tensor, bias?: Tensor | null): Tensor { return linear(this, weight, bias); }

  // ---- views and shapes ----
  reshape(...shape: number[] | [readonly number[]]): Tensor { return vw.reshape(this, vw.shapeArg(shape)); }
  view(...shape: number[] | [readonly number[]]): Tensor { return vw.reshape(this, vw.shapeArg(shape)); }
  flatten(startDim?: number, endDim?: number): Tensor { return vw.flatten(this, startDim, endDim); }
  squeeze(axis?: Axis): Tensor { return vw.squeeze(this, axis); }
  unsqueeze(axis: number): Tensor { return vw.unsqueeze(this, axis); }
  transpose(dim0?: number, dim1?: number): Tensor { return vw.transpose(this, dim0, dim1); }
  permute(...dims: number[] | [readonly number[]]): Tensor { return vw.permute(this, vw.shapeArg(dims)); }
  /** The transpose of a ≤2-D tensor (reversed dims for more, as PyTorch's `.T`). */
  get T(): Tensor { return vw.permute(this, this.shape.map((_, i) => this.ndim - 1 - i)); }
  expand(...shape: number[] | [readonly number[]]): Tensor { return vw.expand(this, vw.shapeArg(shape)); }
  broadcastTo(shape: readonly number[]): Tensor { return vw.expand(this, shape); }
  slice(specs: readonly vw.SliceSpec[]): Tensor { return vw.slice(this, specs); }
  narrow(axis: number, start: number, length: number): Tensor { return vw.narrow(this, axis, start, length); }
  select(axis: number, index: number): Tensor { return vw.select(this, axis, index); }
  contiguous(): Tensor { return vw.contiguous(this); }
  split(sizeOrSections: number | readonly number[], axis?: number): Tensor[] { return join.split(this, sizeOrSections, axis); }
  chunk(chunks: number, axis?: number): Tensor[] { return join.chunk(this, chunks, axis); }

  // ---- indexing ----
  gather(axis: number, index: Tensor): Tensor { return idx.gather(this, axis, index); }
  scatterAdd(axis: number, index: Tensor, src: Tensor): Tensor { return idx.scatterAdd(this, axis, index, src); }
  indexSelect(axis: number, index: Tensor): Tensor { return idx.indexSelect(this, axis, index); }
}

setTensorCheck((v: unknown): v is Tensor => v instanceof Tensor);
