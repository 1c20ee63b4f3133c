import { ShapeError, ValueError, formatShape, type Backend } from '@nnkit/core';
import { noGrad } from '@nnkit/autograd';
import { transfer, type Tensor } from '@nnkit/tensor';

/** What `loadStateDict` reports when not strict. */
export interface LoadResult {
  readonly missingKeys: string[];
  readonly unexpectedKeys: string[];
}

/**
 * The base of every layer, loss and network. A module registers its parameters, buffers and
 * children by name (explicitly, in its constructor), which gives PyTorch's dotted state-dict
 * keys (`0.weight`, `fc1.bias`).
 *
 * @example
 * class TwoLayer extends Module {
 *   fc1 = this.registerModule('fc1', new Linear({ inFeatures: 4, outFeatures: 8 }));
 *   fc2 = this.registerModule('fc2', new Linear({ inFeatures: 8, outFeatures: 2 }));
 *   forward(x: Tensor) { return this.fc2.call(this.fc1.call(x).relu()); }
 * }
 */
export abstract class Module<In extends unknown[] = [Tensor], Out = Tensor> {
  /** True in training mode (dropout active, batch norm uses batch statistics). */
  training = true;
  private readonly params = new Map<string, Tensor | null>();
  private readonly bufs = new Map<string, Tensor | null>();
  private readonly kids = new Map<string, Module<never[], unknown>>();

  /** The computation; call it through `call` (the callable form). */
  abstract forward(...args: In): Out;

  /** Runs `forward` — the equivalent of PyTorch's `module(x)`. */
  call(...args: In): Out {
    return this.forward(...args);
  }

  /** Registers a trainable tensor (it gets `requiresGrad`); null registers an absent one. */
  protected registerParameter<T extends Tensor | null>(name: string, t: T): T {
    this.checkName(name);
    if (t) t.requiresGrad = true;
    this.params.set(name, t);
    return t;
  }

  /** Registers a non-trainable tensor that is part of the state (running statistics, …). */
  protected registerBuffer<T extends Tensor | null>(name: string, t: T): T {
    this.checkName(name);
    this.bufs.set(name, t);
    return t;
  }

  /** Registers a child module. */
  registerModule<M extends Module<never[], unknown>>(name: string, m: M): M {
    this.checkName(name);
    this.kids.set(name, m);
    return m;
  }

  private checkName(name: string): void {
    if (!name || name.includes('.')) throw new ValueError(`Module: invalid name '${name}' (non-empty, no dots)`);
    if (this.params.has(name) || this.bufs.has(name) || this.kids.has(name)) {
      throw new ValueError(`Module: '${name}' is already registered on ${this.constructor.name}`);
    }
  }

  /** Replaces a registered parameter or buffer tensor (used by loaders and `to`). */
  protected setTensor(name: string, t: Tensor): void {
    if (this.params.has(name)) this.params.set(name, t);
    else if (this.bufs.has(name)) this.bufs.set(name, t);
    else throw new ValueError(`Module: no parameter or buffer named '${name}'`);
  }

  /** Direct children, by name. */
  namedChildren(): [string, Module<never[], unknown>][] {
    return [...this.kids];
  }
  children(): Module<never[], unknown>[] {
    return [...this.kids.values()];
  }
  /** This module and every descendant, with dotted names ('' for this one). */
  namedModules(prefix = ''): [string, Module<never[], unknown>][] {
    const out: [string, Module<never[], unknown>][] = [[prefix, this as Module<never[], unknown>]];
    for (const [name, m] of this.kids) out.push(...m.namedModules(prefix ? `${prefix}.${name}` : name));
    return out;
  }
  modules(): Module<never[], unknown>[] {
    return this.namedModules().map(([, m]) => m);
  }

  private namedTensors(kind: 'params' | 'bufs', prefix: string, recurse: boolean): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [name, t] of this[kind]) if (t) out.push([prefix ? `${prefix}.${name}` : name, t]);
    if (recurse) {
      for (const [name, m] of this.kids) out.push(...m.namedTensors(kind, prefix ? `${prefix}.${name}` : name, true));
    }
    return out;
  }

  /** Parameters with dotted names, as PyTorch's `named_parameters()`. */
  namedParameters(prefix = '', recurse = true): [string, Tensor][] {
    return this.namedTensors('params', prefix, recurse);
  }
  parameters(recurse = true): Tensor[] {
    return this.namedParameters('', recurse).map(([, t]) => t);
  }
  namedBuffers(prefix = '', recurse = true): [string, Tensor][] {
    return this.namedTensors('bufs', prefix, recurse);
  }
  buffers(recurse = true): Tensor[] {
    return this.namedBuffers('', recurse).map(([, t]) => t);
  }
  /** Number of trainable elements. */
  numParameters(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }

  /** Sets training mode here and below. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }
  /** Sets evaluation mode here and below. */
  eval(): this {
    return this.train(false);
  }

  /** Frees and clears every parameter's gradient. */
  zeroGrad(): void {
    for (const p of this.parameters()) {
      p.grad?.dispose();
      p.grad = null;
    }
  }

  /**
   * Moves parameters and buffers to `backend` in place: the tensors keep their identity, so
   * optimizers holding them follow along.
   */
  to(backend: Backend): this {
    noGrad(() => {
      for (const t of [...this.parameters(), ...this.buffers()]) {
        if (t.backend === backend) continue;
        const moved = transfer(t, backend);
        t.set_(moved);
        moved.dispose();
        if (t.grad) {
          const g = transfer(t.grad, backend);
          t.grad.dispose();
          t.grad = g;
        }
      }
    });
    return this;
  }

  /**
   * Parameters and buffers by dotted key, in registration order — the module's own tensors
   * (read them; don't dispose them).
   */
  stateDict(): Record<string, Tensor> {
    return Object.fromEntries([...this.namedParameters(), ...this.namedBuffers()]);
  }

  /**
   * Copies values from `stateDict` into this module's tensors. With `strict` (the default),
   * missing or unexpected keys throw, naming them; a shape mismatch always throws.
   */
  loadStateDict(stateDict: Record<string, Tensor>, options: { strict?: boolean } = {}): LoadResult {
    const { strict = true } = options;
    const own = this.stateDict();
    const missingKeys = Object.keys(own).filter((k) => !(k in stateDict));
    const unexpectedKeys = Object.keys(stateDict).filter((k) => !(k in own));
    if (strict && (missingKeys.length || unexpectedKeys.length)) {
      const parts = [];
      if (missingKeys.length) parts.push(`missing keys: ${missingKeys.join(', ')}`);
      if (unexpectedKeys.length) parts.push(`unexpected keys: ${unexpectedKeys.join(', ')}`);
      throw new ValueError(`loadStateDict: state dict does not match ${this.constructor.name} (${parts.join('; ')})`);
    }
    for (const [key, target] of Object.entries(own)) {
      const src = stateDict[key];
      if (!src) continue;
      if (src.ndim !== target.ndim || src.shape.some((d, i) => d !== target.shape[i])) {
        throw new ShapeError(`loadStateDict: '${key}' has shape ${formatShape(src.shape)} in the state dict but ${formatShape(target.shape)} in the model`);
      }
    }
    noGrad(() => {
      for (const [key, target] of Object.entries(own)) {
        const src = stateDict[key];
        if (!src) continue;
        const moved = src.backend === target.backend ? src : transfer(src, target.backend);
        target.copy_(moved);
        if (moved !== src) moved.dispose();
      }
    });
    return { missingKeys, unexpectedKeys };
  }

  /** The part inside the parentheses of this module's line in `toString()`. */
  extraRepr(): string {
    return '';
  }

  /**
   * A PyTorch-style tree with parameter counts:
   * `Sequential(\n  (0): Linear(inFeatures=784, outFeatures=128, bias=true)  # 100,480 params\n …)`.
   */
  toString(): string {
    const head = `${this.constructor.name}(${this.extraRepr()}`;
    const own = this.parameters(false).reduce((n, p) => n + p.size, 0);
    const count = (n: number) => `  # ${n.toLocaleString('en-US')} params`;
    if (this.kids.size === 0) return `${head})${own ? count(own) : ''}`;
    const lines = [...this.kids].map(([name, m]) => `  (${name}): ${m.toString().split('\n').join('\n  ')}`);
    return `${head}\n${lines.join('\n')}\n)${count(this.numParameters())}`;
  }
}
