import { BackendError, type Backend } from '@nnkit/core';

let current: Backend | null = null;

/**
 * Selects the backend that new tensors are created on. Existing tensors stay where they are;
 * move them with `t.to(backend)`.
 *
 * @example
 * import { createCpuBackend } from '@nnkit/backend-cpu';
 * setBackend(createCpuBackend());
 */
export function setBackend(backend: Backend): void {
  current = backend;
}

/** The backend new tensors go to; throws a `BackendError` that says what to do when none is set. */
export function getBackend(): Backend {
  if (current === null) {
    throw new BackendError(
      "no backend selected: call setBackend(createCpuBackend()) from '@nnkit/backend-cpu' " +
        "(or import from 'nnkit', which selects the CPU backend for you)",
    );
  }
  return current;
}

/** True once `setBackend` has been called. */
export function hasBackend(): boolean {
  return current !== null;
}
