import { Generator, ValueError, type GeneratorState } from '@nnkit/core';

/**
 * Where a `DataLoader` is in its stream of batches, as plain JSON: enough to continue with
 * exactly the batches that would have come next, in a new process.
 */
export interface DataLoaderState {
  readonly version: 1;
  /** Index of the current (or next) epoch, counting from 0. */
  readonly epoch: number;
  /** Batches of that epoch already handed out. */
  readonly position: number;
  /** The shuffle generator's state at the start of that epoch; null when not shuffling. */
  readonly generator: GeneratorState | null;
  /** What the order depends on, checked on load so a mismatch fails loudly. */
  readonly datasetLength: number;
  readonly batchSize: number;
  readonly dropLast: boolean;
}

/** What a loader expects a state to agree with. */
export interface LoaderShape {
  readonly datasetLength: number;
  readonly batchSize: number;
  readonly dropLast: boolean;
  readonly shuffle: boolean;
  readonly batches: number;
}

/** Throws a `ValueError` naming the field unless `state` is a state this loader can resume from. */
export function checkLoaderState(state: unknown, loader: LoaderShape): DataLoaderState {
  const fail = (detail: string) => new ValueError(`DataLoader.loadStateDict: ${detail}`);
  if (state === null || typeof state !== 'object') throw fail('expects the object stateDict() returned');
  const s = state as Partial<Record<keyof DataLoaderState, unknown>>;
  if (s.version !== 1) throw fail(`unknown state version ${String(s.version)}`);
  for (const key of ['epoch', 'position'] as const) {
    const v = s[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw fail(`${key} must be a non-negative integer, got ${String(v)}`);
  }
  for (const key of ['datasetLength', 'batchSize', 'dropLast'] as const) {
    if (s[key] !== loader[key]) {
      throw fail(`state was saved with ${key} ${String(s[key])}, this loader has ${String(loader[key])}; the batch order would differ`);
    }
  }
  if ((s.position as number) > loader.batches) throw fail(`position ${String(s.position)} is past the ${loader.batches} batches of an epoch`);
  if (s.generator === undefined) throw fail('generator is missing (it is null when not shuffling)');
  if (loader.shuffle !== (s.generator !== null)) {
    throw fail(`state was saved ${s.generator === null ? 'without' : 'with'} shuffling, this loader has shuffle ${loader.shuffle}`);
  }
  if (s.generator !== null) new Generator().setState(s.generator as GeneratorState); // throws a ValueError if malformed
  return s as DataLoaderState;
}
