import { ValueError, formatShape, shapesEqual } from '@nnkit/core';
import { Tensor } from '@nnkit/tensor';

/** One entry of a parameter's optimizer state: a buffer tensor or a counter. */
export type StateValue = Tensor | number;

/** The state an optimizer keeps for one parameter, by name (`expAvg`, `step`, …). */
export type ParamState = { [name: string]: StateValue | undefined };

/** What each named state entry must be; `loadStateDict` checks saved state against it. */
export type StateSchema = Readonly<Record<string, 'tensor' | 'number'>>;

/** A parameter group as saved: parameter indices plus the group's options. */
export interface SavedParamGroup {
  /** Indices of the group's parameters, counted across all groups in order. */
  params: number[];
  lr: number;
  [option: string]: unknown;
}

/**
 * An optimizer's state in PyTorch's shape. `state` is keyed by parameter index (parameters
 * counted across groups in order) and holds only parameters that have state; its tensors are
 * copies that the caller owns (dispose them when done).
 *
 * @example
 * { state: { 0: { step: 3, expAvg: Tensor, expAvgSq: Tensor } },
 *   paramGroups: [{ params: [0, 1], lr: 0.001, betas: [0.9, 0.999], … }] }
 */
export interface OptimizerStateDict {
  state: Record<number, Record<string, StateValue>>;
  paramGroups: SavedParamGroup[];
}

/** A deep copy of group options (arrays such as `betas` are copied, not shared). */
export function cloneOptions<T extends object>(options: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) out[k] = Array.isArray(v) ? [...v] : v;
  return out as T;
}

/** The tensors among a state's values. */
export function stateTensors(state: ParamState): Tensor[] {
  return Object.values(state).filter((v): v is Tensor => v instanceof Tensor);
}

/** The groups of the optimizer being loaded into, as `checkStateDict` needs them. */
interface TargetGroup {
  readonly params: readonly Tensor[];
}

/**
 * Checks a state dict against an optimizer before anything is changed, and returns the saved
 * parameter index → current parameter mapping (PyTorch pairs them by position in the groups).
 * Every mismatch is a `ValueError` that names what differs.
 */
export function checkStateDict(
  optimizerName: string,
  dict: unknown,
  groups: readonly TargetGroup[],
  optionNames: readonly string[],
  schema: StateSchema,
): Map<number, Tensor> {
  const where = `${optimizerName}.loadStateDict`;
  const sd = dict as Partial<OptimizerStateDict> | null;
  if (sd === null || typeof sd !== 'object' || !Array.isArray(sd.paramGroups) || sd.state === null || typeof sd.state !== 'object') {
    throw new ValueError(`${where}: expected an object { state, paramGroups } as stateDict() returns`);
  }
  if (sd.paramGroups.length !== groups.length) {
    throw new ValueError(`${where}: the state dict has ${sd.paramGroups.length} parameter groups but this optimizer has ${groups.length}`);
  }
  const byIndex = new Map<number, Tensor>();
  sd.paramGroups.forEach((saved, gi) => {
    const mine = groups[gi];
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.params)) {
      throw new ValueError(`${where}: group ${gi} of the state dict has no params array`);
    }
    if (saved.params.length !== mine.params.length) {
      throw new ValueError(`${where}: group ${gi} has ${saved.params.length} parameters in the state dict but ${mine.params.length} in this optimizer`);
    }
    for (const name of Object.keys(saved)) {
      if (name !== 'params' && name !== 'initialLr' && !optionNames.includes(name)) {
        throw new ValueError(`${where}: group ${gi} of the state dict has option '${name}', which ${optimizerName} does not take (is it another optimizer's state?)`);
      }
    }
    for (const name of optionNames) {
      if (!(name in saved)) throw new ValueError(`${where}: group ${gi} of the state dict lacks option '${name}'`);
    }
    saved.params.forEach((index, j) => {
      if (!Number.isInteger(index) || byIndex.has(index)) {
        throw new ValueError(`${where}: group ${gi} lists parameter index ${JSON.stringify(index)}, which is not a new integer index`);
      }
      byIndex.set(index, mine.params[j]);
    });
  });
  for (const [key, entry] of Object.entries(sd.state)) {
    const param = byIndex.get(Number(key));
    if (param === undefined) throw new ValueError(`${where}: the state dict has state for parameter ${key}, which no group lists`);
    if (entry === null || typeof entry !== 'object') throw new ValueError(`${where}: the state of parameter ${key} is not an object`);
    for (const [name, value] of Object.entries(entry)) {
      const kind = schema[name];
      if (kind === undefined) {
        throw new ValueError(`${where}: parameter ${key} has state '${name}', which ${optimizerName} does not keep (it keeps ${Object.keys(schema).join(', ')})`);
      }
      if (kind === 'number' && (typeof value !== 'number' || !Number.isFinite(value))) {
        throw new ValueError(`${where}: state '${name}' of parameter ${key} must be a finite number, got ${String(value)}`);
      }
      if (kind === 'tensor') {
        if (!(value instanceof Tensor) || value.isDisposed) {
          throw new ValueError(`${where}: state '${name}' of parameter ${key} must be a live tensor`);
        }
        if (!shapesEqual(value.shape, param.shape)) {
          throw new ValueError(
            `${where}: state '${name}' of parameter ${key} has shape ${formatShape(value.shape)} but the parameter has shape ${formatShape(param.shape)}`,
          );
        }
      }
    }
  }
  return byIndex;
}
