import { scoped } from './scoped.js';

let enabled = true;

/** True when ops on tensors that require grad are being recorded. */
export function isGradEnabled(): boolean {
  return enabled;
}

/** Turns recording on or off globally; prefer `noGrad(fn)` / `enableGrad(fn)`. */
export function setGradEnabled(value: boolean): void {
  enabled = value;
}

function withMode<T>(value: boolean, fn: () => T): T {
  return scoped(() => {
    const previous = enabled;
    enabled = value;
    return () => {
      enabled = previous;
    };
  }, fn);
}

/**
 * Runs `fn` without recording gradients (sync or async), like `torch.no_grad()`.
 *
 * @example
 * const pred = noGrad(() => model.forward(x)); // no graph is built
 */
export function noGrad<T>(fn: () => T): T {
  return withMode(false, fn);
}

/** Runs `fn` with recording on, even inside `noGrad`. */
export function enableGrad<T>(fn: () => T): T {
  return withMode(true, fn);
}
