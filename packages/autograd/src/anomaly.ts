import { AutogradError } from '@nnkit/core';
import type { Tensor } from '@nnkit/tensor';
import { scoped } from './scoped.js';

let detecting = false;
let inBackward = 0;

/** True when forward ops should be checked (not while gradient rules run: those are checked as rules). */
export function checksForward(): boolean {
  return detecting && inBackward === 0;
}

/** Runs `fn` (a backward pass) with the per-op forward checks off. */
export function asBackward<T>(fn: () => T): T {
  inBackward++;
  try {
    return fn();
  } finally {
    inBackward--;
  }
}

/** True while anomaly detection is on. */
export function isAnomalyEnabled(): boolean {
  return detecting;
}

/** Turns anomaly detection on or off globally. */
export function setDetectAnomaly(value: boolean): void {
  detecting = value;
}

/**
 * Runs `fn` with anomaly detection: any forward op or gradient rule that produces NaN or
 * Inf throws an `AutogradError` naming the op and where its inputs came from. Slow (it reads
 * every result); for debugging.
 *
 * @example detectAnomaly(() => x.log().sum().backward());
 */
export function detectAnomaly<T>(fn: () => T): T {
  return scoped(() => {
    const previous = detecting;
    detecting = true;
    return () => {
      detecting = previous;
    };
  }, fn);
}

/** Where a tensor came from, for messages: `leaf 'fc1.weight' [4,3]` or `output of LogBackward [3]`. */
export function describeOrigin(t: Tensor): string {
  const shape = `[${t.shape.join(',')}]`;
  if (t.gradFn) return `output of ${t.gradFn.name} ${shape}`;
  return `${t.requiresGrad ? 'leaf' : 'input'}${t.name ? ` '${t.name}'` : ''} ${shape}`;
}

/** Index of the first NaN or ±Inf, or -1; -1 too when the backend cannot read synchronously. */
export function firstNonFinite(t: Tensor): number {
  if (!t.backend.capabilities.syncRead || (t.dtype !== 'float32' && t.dtype !== 'float64')) return -1;
  const values = t.dataSync();
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i;
  return -1;
}

/** Throws when `t` holds NaN or Inf; `what` says which op made it. */
export function checkFinite(t: Tensor, what: string, inputs: readonly Tensor[], trailer = ''): void {
  const at = firstNonFinite(t);
  if (at < 0) return;
  const value = t.dataSync()[at];
  const from = inputs.map((x, i) => `input ${i}: ${describeOrigin(x)}`).join('; ');
  throw new AutogradError(`anomaly: ${what} produced ${value} at flat index ${at} (${from})${trailer}`);
}
