import type { Tensor } from './tensor.js';

/** The tensors created while a `tidy` scope was open, freed when it closes. */
interface Scope {
  readonly tracked: Set<Tensor>;
}

const scopes: Scope[] = [];

/** Registers a new tensor with the innermost open scope. Called by the Tensor constructor. */
export function trackTensor(t: Tensor): void {
  scopes.at(-1)?.tracked.add(t);
}

/** Removes `t` from every open scope so that no `tidy` frees it. */
export function keep<T extends Tensor>(t: T): T {
  for (const s of scopes) s.tracked.delete(t);
  return t;
}

function collectTensors(value: unknown, out: Set<Tensor>, isTensor: (v: unknown) => v is Tensor, depth = 0): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (isTensor(value)) {
    out.add(value);
    return;
  }
  const items = Array.isArray(value) ? value : value instanceof Map ? [...value.values()] : Object.values(value);
  for (const item of items) collectTensors(item, out, isTensor, depth + 1);
}

function closeScope(scope: Scope, result: unknown, isTensor: (v: unknown) => v is Tensor): void {
  // Remove by identity: async scopes may close out of order.
  const at = scopes.lastIndexOf(scope);
  if (at >= 0) scopes.splice(at, 1);
  const survivors = new Set<Tensor>();
  collectTensors(result, survivors, isTensor);
  for (const t of scope.tracked) if (!survivors.has(t)) t.dispose();
  const parent = scopes.at(-1);
  if (parent) for (const t of survivors) if (scope.tracked.has(t)) parent.tracked.add(t);
}

let tensorCheck: ((v: unknown) => v is Tensor) | null = null;

/** Lets the scope module recognise tensors without importing the class (avoids a cycle). */
export function setTensorCheck(check: (v: unknown) => v is Tensor): void {
  tensorCheck = check;
}

/**
 * Runs `fn` and frees every tensor it created except those it returns (found in arrays and
 * plain objects too) and those passed to `keep`. Works for async functions: the scope closes
 * when the promise settles.
 *
 * @example
 * const y = tidy(() => x.mul(2).add(1).relu()); // the temporaries are freed, y survives
 */
export function tidy<T>(fn: () => T): T {
  const scope: Scope = { tracked: new Set() };
  scopes.push(scope);
  const check = tensorCheck ?? ((v: unknown): v is Tensor => false);
  let result: T;
  try {
    result = fn();
  } catch (err) {
    closeScope(scope, undefined, check);
    throw err;
  }
  if (result instanceof Promise) {
    return result.then(
      (value) => {
        closeScope(scope, value, check);
        return value;
      },
      (err) => {
        closeScope(scope, undefined, check);
        throw err;
      },
    ) as T;
  }
  closeScope(scope, result, check);
  return result;
}
