import { AutogradError } from '@nnkit/core';
import type { PrimitiveAttrs, PrimitiveName } from './primitives.js';
import type { Tensor } from './tensor.js';

/** The node of the recorded graph that produced a tensor; owned by `@nnkit/autograd`. */
export interface GradNode {
  /** The op's name, as `t.gradFn.name` shows it (`MulBackward`, …). */
  readonly name: string;
  /** Called when a tensor that points at this node is disposed. */
  release(): void;
  /** Called when a new tensor handle starts pointing at this node. */
  retain(): void;
  /** Adds a hook on the gradient of this node's output; returns a function that removes it. */
  registerHook(hook: GradHook): () => void;
}

/** Sees (and may replace, by returning a tensor) the gradient flowing into a tensor. */
export type GradHook = (grad: Tensor) => Tensor | void;

/** Options of `backward`. */
export interface BackwardOptions {
  /** Keep the graph so that backward can run through it again. */
  readonly retainGraph?: boolean;
}

/**
 * What `@nnkit/autograd` plugs into tensor. Tensor calls `onOp` after every op it runs and
 * forwards `backward`; it knows nothing of gradient rules.
 */
export interface AutogradEngine {
  onOp<K extends PrimitiveName>(op: K, inputs: readonly Tensor[], output: Tensor, attrs: PrimitiveAttrs[K]): void;
  backward(root: Tensor, gradient: Tensor | undefined, options: BackwardOptions): void;
}

let engine: AutogradEngine | null = null;

/** Installs the autograd engine (done by `@nnkit/autograd` when it is imported). */
export function installAutograd(e: AutogradEngine): void {
  engine = e;
}

/** The installed engine, or null in an inference-only install. */
export function autogradEngine(): AutogradEngine | null {
  return engine;
}

/** Forwards `t.backward()`; without the engine, says which package to add. */
export function runBackward(root: Tensor, gradient: Tensor | undefined, options: BackwardOptions): void {
  if (engine === null) {
    throw new AutogradError(
      "backward() needs @nnkit/autograd: install it and `import '@nnkit/autograd'` (or use the 'nnkit' package)",
    );
  }
  engine.backward(root, gradient, options);
}
