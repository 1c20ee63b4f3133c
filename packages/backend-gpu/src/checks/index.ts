import { elementwiseChecks } from './elementwise-checks.js';
import { fusedChecks } from './fused-checks.js';
import type { KernelCheck } from './harness.js';
import { indexChecks } from './index-checks.js';
import { randomChecks } from './random-checks.js';
import { reduceChecks } from './reduce-checks.js';
import { storageChecks } from './storage-checks.js';

export type { KernelCheck } from './harness.js';

/**
 * Every kernel check, in order. They take a backend and throw on failure; `backend.test.ts`
 * runs them under vitest and `browser.test.ts` runs them inside headless Chromium.
 */
export const kernelChecks: readonly KernelCheck[] = [...storageChecks, ...elementwiseChecks, ...reduceChecks, ...indexChecks, ...randomChecks, ...fusedChecks];
