import { ShapeError, ValueError, formatShape, isFloatDType, shapesEqual } from '@nnkit/core';
import { noGrad } from '@nnkit/autograd';
import { Tensor, tidy } from '@nnkit/tensor';
import { copyLike, follow } from './follow.js';
import { checkKnownKeys, checkNumber } from './options.js';
import {
  checkStateDict,
  cloneOptions,
  stateTensors,
  type OptimizerStateDict,
  type ParamState,
  type SavedParamGroup,
  type StateSchema,
  type StateValue,
} from './state-dict.js';

/** The options every optimizer has: the learning rate, which schedulers change. */
export interface GroupOptions {
  lr: number;
}

/** A parameter group as given to a constructor: its parameters plus options overriding the defaults. */
export type ParamGroup<O extends GroupOptions> = { params: Iterable<Tensor> } & Partial<O>;

/**
 * A parameter group as the optimizer holds it: every option resolved. Options are mutable
 * (schedulers set `lr`, OneCycleLR also `momentum` or `betas`); `initialLr` is the lr that
 * schedulers start from (set by the first scheduler made for this optimizer).
 */
export type ResolvedParamGroup<O extends GroupOptions> = O & { params: Tensor[]; initialLr?: number };

/** What a per-parameter update returns: the new parameter value and the new state. */
export interface UpdateResult<S extends ParamState> {
  param: Tensor;
  state: S;
}

/**
 * The base of every optimizer: parameter groups, `step`, `zeroGrad`, state dicts, and state
 * that follows its parameters across backends. A subclass supplies the math as two pure
 * functions of tensors (`init` and `update`) and the option checks; the base runs them
 * without gradient recording, inside `tidy`, and rebinds each parameter in place with
 * `set_`, so references to parameters (a model's) stay valid and nothing leaks.
 */
export abstract class Optimizer<O extends GroupOptions = GroupOptions, S extends ParamState = ParamState> {
  /** The options a group gets unless it overrides them. */
  readonly defaults: Readonly<O>;
  /** The parameter groups; change `lr` (and other options) here between steps. */
  readonly paramGroups: ResolvedParamGroup<O>[] = [];
  /** The kind of each state entry, checked by `loadStateDict`. */
  protected abstract readonly stateSchema: StateSchema;
  private readonly paramState = new Map<Tensor, S>();

  protected constructor(
    /** The optimizer's name in messages (`SGD`, `Adam`, …). */
    readonly name: string,
    params: Iterable<Tensor> | readonly ParamGroup<O>[],
    defaults: O,
  ) {
    this.defaults = defaults;
    this.validate({ ...defaults });
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0) throw new ValueError(`${name}: got an empty parameter list`);
    const groups = list.every((p) => p instanceof Tensor)
      ? [{ params: list as Tensor[] } as unknown as ParamGroup<O>]
      : (list as ParamGroup<O>[]);
    for (const group of groups) this.addParamGroup(group);
  }

  /** Checks one resolved group's options; throws a `ValueError` naming the bad option. */
  protected abstract validate(options: O): void;
  /** Fresh state for a parameter (zeros, counters at 0), created on its first step. */
  protected abstract init(param: Tensor, options: O): S;
  /** The pure update: new parameter value and state from the old ones and the gradient. */
  protected abstract update(param: Tensor, grad: Tensor, state: S, options: O): UpdateResult<S>;
  /**
   * The same update done in place by the backend's fused kernel, when it has one that fits;
   * returns the new state, or null (having changed nothing) so that `update` runs instead.
   */
  protected fusedUpdate?(param: Tensor, grad: Tensor, state: S, options: O): S | null;

  /** The state of each parameter that has stepped (read-only; see `stateDict` for copies). */
  get state(): ReadonlyMap<Tensor, Readonly<S>> {
    return this.paramState;
  }

  /**
   * Adds a group of parameters, with options overriding the defaults (as PyTorch's
   * `add_param_group`), e.g. to unfreeze layers during fine-tuning.
   */
  addParamGroup(group: ParamGroup<O>): void {
    const where = `${this.name} param group ${this.paramGroups.length}`;
    if (group === null || typeof group !== 'object' || !('params' in group)) {
      throw new ValueError(`${this.name}: parameters must be tensors or groups { params, ...options }`);
    }
    checkKnownKeys(where, group, ['params', 'initialLr', ...Object.keys(this.defaults)]);
    const { params: given, ...overrides } = group;
    const params = given instanceof Tensor ? [given] : [...given];
    if (params.length === 0) throw new ValueError(`${where}: got an empty parameter list`);
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    params.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new ValueError(`${where}: parameter ${i} is not a Tensor`);
      if (p.isDisposed) throw new ValueError(`${where}: parameter ${i} was disposed`);
      if (!isFloatDType(p.dtype)) throw new ValueError(`${where}: parameter ${i} has dtype ${p.dtype}; only float tensors can be optimized`);
      if (!p.isLeaf) throw new ValueError(`${where}: parameter ${i} is not a leaf tensor (an op made it); optimize leaves such as model.parameters()`);
      if (seen.has(p)) throw new ValueError(`${where}: parameter ${i} appears more than once among the parameter groups`);
      seen.add(p);
    });
    const resolved = { ...cloneOptions(this.defaults as O), ...cloneOptions(overrides), params } as ResolvedParamGroup<O>;
    this.checkGroup(resolved);
    this.paramGroups.push(resolved);
  }

  /**
   * Updates every parameter that has a gradient (those with `grad === null` are skipped), as
   * PyTorch's `optimizer.step()`. State is created on a parameter's first step and moved to
   * the parameter's backend and dtype first if the parameter moved (`model.to(backend)`).
   */
  step(): void {
    noGrad(() => {
      let index = 0;
      for (const group of this.paramGroups) {
        for (const p of group.params) {
          const at = index++;
          const grad = p.grad;
          if (grad === null) continue;
          if (!shapesEqual(grad.shape, p.shape)) {
            throw new ShapeError(`${this.name}.step: parameter ${at} has shape ${formatShape(p.shape)} but its gradient has ${formatShape(grad.shape)}`);
          }
          const prev = this.paramState.get(p);
          const next = tidy((): UpdateResult<S> => {
            const state = prev === undefined ? this.init(p, group) : followState(prev, p);
            const g = follow(grad, p);
            const inPlace = this.fusedUpdate?.(p, g, state, group) ?? null;
            return inPlace ? { param: p, state: inPlace } : this.update(p, g, state, group);
          });
          this.commit(p, prev, next);
        }
      }
    });
  }

  /** Frees every parameter's gradient and sets it to null (PyTorch's `zero_grad(set_to_none=True)`). */
  zeroGrad(): void {
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        p.grad?.dispose();
        p.grad = null;
      }
    }
  }

  /**
   * A snapshot in PyTorch's shape: `{ state: { [paramIndex]: {...} }, paramGroups: [{ params:
   * number[], lr, … }] }`. Tensors in it are copies that the caller owns.
   *
   * @example
   * const saved = opt.stateDict();
   * fresh.loadStateDict(saved); // continues exactly where `opt` was
   */
  stateDict(): OptimizerStateDict {
    return noGrad(() => {
      const state: OptimizerStateDict['state'] = {};
      const paramGroups: SavedParamGroup[] = [];
      let index = 0;
      for (const { params, ...options } of this.paramGroups) {
        const indices: number[] = [];
        for (const p of params) {
          const s = this.paramState.get(p);
          if (s !== undefined) {
            const copy: Record<string, StateValue> = {};
            for (const [name, v] of Object.entries(s)) if (v !== undefined) copy[name] = v instanceof Tensor ? v.clone() : v;
            state[index] = copy;
          }
          indices.push(index++);
        }
        paramGroups.push({ ...cloneOptions(options), params: indices } as SavedParamGroup);
      }
      return { state, paramGroups };
    });
  }

  /**
   * Restores a `stateDict()` (from this optimizer or one built the same way): group options
   * and per-parameter state. Everything is checked first — group count, parameter counts,
   * option names and values, state names and shapes — and a mismatch throws a `ValueError`
   * naming it, leaving this optimizer unchanged. The dict's tensors are copied (onto each
   * parameter's backend and dtype); the caller still owns them.
   */
  loadStateDict(dict: OptimizerStateDict): void {
    const byIndex = checkStateDict(this.name, dict, this.paramGroups, Object.keys(this.defaults), this.stateSchema);
    const options = dict.paramGroups.map(({ params: _, ...saved }, gi) => {
      const resolved = { ...cloneOptions(saved), params: this.paramGroups[gi].params } as unknown as ResolvedParamGroup<O>;
      this.checkGroup(resolved);
      return resolved;
    });
    const loaded = noGrad(() =>
      Object.entries(dict.state).map(([key, entry]) => {
        const param = byIndex.get(Number(key)) as Tensor;
        const state: Record<string, StateValue> = {};
        for (const [name, v] of Object.entries(entry)) state[name] = v instanceof Tensor ? copyLike(v, param) : v;
        return [param, state as S] as const;
      }),
    );
    this.clearState();
    for (const [param, state] of loaded) this.paramState.set(param, state);
    this.paramGroups.forEach((group, gi) => {
      delete group.initialLr;
      Object.assign(group, options[gi]);
    });
  }

  /** Frees the optimizer's state tensors (parameters and their gradients are untouched). */
  dispose(): void {
    this.clearState();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  private checkGroup(group: ResolvedParamGroup<O>): void {
    this.validate(group);
    if (group.initialLr !== undefined) checkNumber(this.name, 'initialLr', group.initialLr, { min: 0 });
  }

  private clearState(): void {
    for (const s of this.paramState.values()) for (const t of stateTensors(s)) t.dispose();
    this.paramState.clear();
  }

  /** Rebinds `p` to its new value and swaps in the new state, freeing what was replaced. */
  private commit(p: Tensor, prev: S | undefined, next: UpdateResult<S>): void {
    if (next.param !== p) {
      p.set_(next.param);
      next.param.dispose();
    }
    const kept = new Set(stateTensors(next.state));
    if (prev !== undefined) for (const t of stateTensors(prev)) if (!kept.has(t)) t.dispose();
    this.paramState.set(p, next.state);
  }
}

/** The state with every tensor on `param`'s backend and dtype (moved copies are new tensors). */
function followState<S extends ParamState>(state: S, param: Tensor): S {
  const out: ParamState = {};
  for (const [name, v] of Object.entries(state)) out[name] = v instanceof Tensor ? follow(v, param) : v;
  return out as S;
}
