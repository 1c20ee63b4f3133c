import { AutogradError, type DType } from '@nnkit/core';
import { keep, type GradHook, type GradNode, type PrimitiveAttrs, type PrimitiveName, type Tensor } from '@nnkit/tensor';
import type { GradContext, GradRule } from './rule.js';

/** Where an input's gradient goes: into another node, or into a leaf's `.grad`. */
export type Edge = { readonly node: Node; readonly leaf?: undefined } | { readonly node?: undefined; readonly leaf: Tensor };

/** What the graph remembers of each input, for rules and for pictures. */
export interface InputMeta {
  readonly id: number;
  readonly shape: readonly number[];
  readonly dtype: DType;
  readonly name: string | undefined;
  readonly requiresGrad: boolean;
}

function opDisplayName(op: string): string {
  return `${op[0].toUpperCase()}${op.slice(1)}Backward`;
}

/**
 * A second handle on `t`'s storage that stays valid after `t` is disposed (tidy scopes
 * never free it). It keeps `t`'s place in the graph, so rules that use it can themselves be
 * differentiated (`createGraph`).
 */
function saveAlias(t: Tensor): Tensor {
  const alias = keep(t.detach());
  if (t.gradFn) {
    t.gradFn.retain();
    alias.gradFn = t.gradFn;
    alias._setRequiresGrad(true);
  }
  return alias;
}

/** Where a saved tensor's values lived, and that storage's version, when it was saved. */
interface Stamp {
  readonly storage: Tensor['storage'];
  readonly version: number;
}

const stampOf = (t: Tensor): Stamp => ({ storage: t.storage, version: t.storage.version });

/**
 * `t`, unless it changed since it was saved: its storage written in place (`copy_`, a fused
 * optimizer step) or, for a parameter saved as itself, rebound by `set_` (an optimizer's step).
 */
function unchanged(t: Tensor, stamp: Stamp, what: string): Tensor {
  if (t.storage === stamp.storage && t.storage.version === stamp.version) return t;
  throw new AutogradError(
    `${what} (shape ${JSON.stringify(t.shape)}) was changed in place after the forward saved it ` +
      `(copy_, set_ or an optimizer step); run backward() before changing it, as PyTorch requires`,
  );
}

/**
 * One recorded op: its rule, the edges to its inputs' nodes or leaves, and the tensors the
 * rule saved. Reference-counted by the tensors that point at it and by the nodes downstream,
 * so an abandoned graph frees itself when its last tensor is disposed.
 */
export class Node<K extends PrimitiveName = PrimitiveName> implements GradNode {
  readonly name: string;
  /** Set when backward freed the saved tensors. */
  freed = false;
  /** Stack of the forward call, kept in anomaly mode. */
  trace: string | undefined;
  readonly hooks: GradHook[] = [];
  private refs = 0;
  private readonly saved: (Tensor | null)[];
  private readonly borrowed: boolean[];
  private savedOutput: Tensor | null = null;
  /** Each saved input's stamp, then the output's (PyTorch's version check). */
  private readonly stamps: (Stamp | null)[];
  private outputStamp: Stamp | null = null;

  constructor(
    readonly op: K,
    readonly rule: GradRule<K>,
    readonly attrs: PrimitiveAttrs[K],
    readonly edges: readonly (Edge | null)[],
    readonly inputs: readonly InputMeta[],
    readonly output: { readonly id: number; readonly shape: readonly number[]; readonly dtype: DType },
    inputTensors: readonly Tensor[],
  ) {
    this.name = opDisplayName(op);
    const keepIdx = new Set(rule.saveInputs ?? []);
    // Leaves that require grad are saved as themselves: their gradient must reach them.
    this.borrowed = inputTensors.map((t, i) => keepIdx.has(i) && t.isLeaf && t.requiresGrad);
    this.saved = inputTensors.map((t, i) => (keepIdx.has(i) ? (this.borrowed[i] ? t : saveAlias(t)) : null));
    this.stamps = this.saved.map((t) => (t ? stampOf(t) : null));
  }

  /** Keeps the output for the rule; a weak link back to this node avoids a reference cycle. */
  saveOutput(out: Tensor): void {
    const alias = keep(out.detach());
    alias.gradFn = this;
    alias._setRequiresGrad(true);
    this.savedOutput = alias;
    this.outputStamp = stampOf(alias);
  }

  retain(): void {
    this.refs++;
  }

  release(): void {
    if (--this.refs > 0) return;
    this.freeSaved();
    for (const e of this.edges) e?.node?.release();
  }

  registerHook(hook: GradHook): () => void {
    this.hooks.push(hook);
    return () => {
      const i = this.hooks.indexOf(hook);
      if (i >= 0) this.hooks.splice(i, 1);
    };
  }

  /** True when the rule needs tensors that an earlier backward freed. */
  get needsFreedTensors(): boolean {
    return this.freed && ((this.rule.saveInputs?.length ?? 0) > 0 || this.rule.saveOutput === true);
  }

  /** Drops the saved tensors (after backward, or when the graph is abandoned). */
  freeSaved(): void {
    if (this.freed) return;
    this.freed = true;
    this.saved.forEach((t, i) => {
      if (t && !this.borrowed[i]) t.dispose();
    });
    this.saved.fill(null);
    if (this.savedOutput) {
      this.savedOutput.gradFn = null;
      this.savedOutput.dispose();
      this.savedOutput = null;
    }
  }

  /** What the rule sees. */
  context(): GradContext<K> {
    const saved = this.saved;
    const savedOutput = this.savedOutput;
    const name = this.name;
    return {
      attrs: this.attrs,
      needs: this.edges.map((e) => e !== null),
      inputShapes: this.inputs.map((m) => m.shape),
      inputDTypes: this.inputs.map((m) => m.dtype),
      input: (i: number): Tensor => {
        const t = saved[i];
        if (!t) throw new AutogradError(`${name}: input ${i} was not saved for backward`);
        return unchanged(t, this.stamps[i] as Stamp, `${name}: input ${i}`);
      },
      output: (): Tensor => {
        if (!savedOutput) throw new AutogradError(`${name}: the output was not saved for backward`);
        return unchanged(savedOutput, this.outputStamp as Stamp, `${name}: its output`);
      },
    };
  }
}
