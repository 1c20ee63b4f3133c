import { Generator, ValueError, type GeneratorState } from '@nnkit/core';
import type { Collated, CollateFn } from './collate.js';
import type { Dataset } from './dataset.js';
import { disposeDeep } from './dispose-deep.js';
import { checkLoaderState, type DataLoaderState } from './loader-state.js';
import { randperm } from './randperm.js';
import type { WorkerDatasetSpec, WorkerPool } from './worker-pool.js';

/** Options of a `DataLoader`. */
export interface DataLoaderOptions<T, B> {
  /** Samples per batch (default 1). */
  readonly batchSize?: number;
  /** Visit the samples in a fresh random order each epoch (default false). */
  readonly shuffle?: boolean;
  /** Seed of the loader's own shuffle `Generator`: the same seed gives the same order every run. Default: random. */
  readonly seed?: number;
  /** Drop the last batch of an epoch when it is smaller than `batchSize` (default false). */
  readonly dropLast?: boolean;
  /** Turns a list of samples into a batch (default `defaultCollate`, which needs @nnkit/tensor). */
  readonly collate?: CollateFn<T, B>;
  /** Batches prepared ahead of the one being consumed (default 2; with workers, per worker). */
  readonly prefetch?: number;
  /** Worker threads that load samples (default 0: load on this thread). Needs `workerDataset`. */
  readonly workers?: number;
  /** How each worker rebuilds the dataset; it must have the same samples as `dataset`. */
  readonly workerDataset?: WorkerDatasetSpec;
  /** Frees a batch the loader prepared but never handed out (default `disposeDeep`). */
  readonly disposeBatch?: (batch: B) => void;
}

type Settled<B> = { ok: true; value: B } | { ok: false; error: unknown } | { ok: false; cancelled: true };

/**
 * Batches of a dataset, one epoch per `for await` loop, as PyTorch's `DataLoader`.
 *
 * Shuffling draws each epoch's permutation from the loader's own seeded `Generator`, so a seed
 * fixes the order of every epoch. `stateDict()` / `loadStateDict()` save and restore the
 * position (epoch, batches handed out, generator state at the epoch's start) as JSON, and a
 * restored loader continues with exactly the batches that would have come next. Leaving a
 * loop early (`break`, an exception) ends that epoch: prepared batches are disposed, workers
 * stopped, nothing stays scheduled, and the next loop starts the next epoch.
 *
 * With `workers: n`, n worker threads each rebuild the dataset from `workerDataset` and run
 * `get` (and whatever transforms it applies) there; samples come back in compact transferable
 * buffers and are collated here, because a collate function cannot cross threads and tensors
 * belong to this thread's backend. Workers start at the beginning of each loop and stop at
 * its end.
 *
 * @example
 * const loader = new DataLoader(train, { batchSize: 64, shuffle: true, seed: 0 });
 * for (let epoch = 0; epoch < 3; epoch++) {
 *   for await (const { image, label } of loader) { ... }
 * }
 */
export class DataLoader<T, B = Collated<T>> implements AsyncIterable<B> {
  readonly dataset: Dataset<T>;
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  readonly prefetch: number;
  readonly workers: number;
  private readonly collate?: CollateFn<T, B>;
  private readonly workerDataset?: WorkerDatasetSpec;
  private readonly disposeBatch: (batch: B) => void;
  private readonly generator: Generator | null;
  private epochIndex = 0;
  private epochStart: GeneratorState | null;
  private position = 0;
  private running = false;

  constructor(dataset: Dataset<T>, options: DataLoaderOptions<T, B> = {}) {
    if (dataset === null || typeof dataset !== 'object' || typeof dataset.get !== 'function' || !Number.isSafeInteger(dataset.length) || dataset.length < 0) {
      throw new ValueError('DataLoader: dataset must have an integer length and a get(index) method');
    }
    this.dataset = dataset;
    this.batchSize = count('batchSize', options.batchSize ?? 1, 1);
    this.prefetch = count('prefetch', options.prefetch ?? 2, 0);
    this.workers = count('workers', options.workers ?? 0, 0);
    this.shuffle = options.shuffle ?? false;
    this.dropLast = options.dropLast ?? false;
    this.collate = options.collate;
    this.workerDataset = options.workerDataset;
    this.disposeBatch = options.disposeBatch ?? disposeDeep;
    if (this.workers > 0 && this.workerDataset === undefined) {
      throw new ValueError('DataLoader: workers > 0 needs workerDataset: { module, export, args } so each worker can rebuild the dataset');
    }
    if (options.seed !== undefined && !Number.isFinite(options.seed)) throw new ValueError(`DataLoader: seed must be a finite number, got ${options.seed}`);
    this.generator = this.shuffle ? new Generator(options.seed ?? Math.floor(Math.random() * 2 ** 32)) : null;
    this.epochStart = this.generator?.getState() ?? null;
  }

  /** Batches per epoch. */
  get length(): number {
    const n = this.dataset.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  /** Index of the current epoch (while a loop runs) or of the next one. */
  get epoch(): number {
    return this.epochIndex;
  }

  /**
   * The loader's position as plain JSON. Called inside a loop, after batch `k` arrived, it
   * says "continue with batch `k + 1`".
   */
  stateDict(): DataLoaderState {
    return {
      version: 1,
      epoch: this.epochIndex,
      position: this.position,
      generator: this.epochStart,
      datasetLength: this.dataset.length,
      batchSize: this.batchSize,
      dropLast: this.dropLast,
    };
  }

  /** Restores a position from `stateDict()`; the next loop continues from it. */
  loadStateDict(state: DataLoaderState): void {
    if (this.running) throw new ValueError('DataLoader.loadStateDict: cannot restore while a loop is running');
    const s = checkLoaderState(state, { ...this.stateDict(), shuffle: this.shuffle, batches: this.length });
    this.epochIndex = s.epoch;
    this.position = s.position;
    this.epochStart = s.generator === null ? null : { algorithm: s.generator.algorithm, s: [...s.generator.s] as [number, number, number, number] };
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<B, void, undefined> {
    if (this.running) throw new ValueError('DataLoader: a loop over this loader is already running; finish or break out of it first');
    this.running = true;
    const n = this.dataset.length;
    const batches = this.length;
    let order: Uint32Array | null = null;
    if (this.generator !== null) {
      this.generator.setState(this.epochStart as GeneratorState);
      order = randperm(n, this.generator);
    }
    const indicesOf = (k: number): number[] => {
      const end = Math.min((k + 1) * this.batchSize, n);
      const out: number[] = [];
      for (let j = k * this.batchSize; j < end; j++) out.push(order === null ? j : order[j]);
      return out;
    };
    const signal = { closed: false };
    const queue: Promise<Settled<B>>[] = [];
    let pool: WorkerPool | undefined;
    let started = false;
    try {
      const collate = this.collate ?? (await loadDefaultCollate<T, B>());
      if (this.workers > 0) {
        // Imported on demand so that a loader without workers needs no node:worker_threads (browsers).
        const { WorkerPool } = await import('./worker-pool.js');
        pool = await WorkerPool.start(this.workerDataset as WorkerDatasetSpec, this.workers, n);
      }
      const load = pool === undefined
        ? async (indices: number[]) => collate(await Promise.all(indices.map((i) => this.dataset.get(i))))
        : async (indices: number[]) => collate((await (pool as WorkerPool).load(indices)) as T[]);
      const ahead = this.prefetch * Math.max(1, this.workers);
      started = true;
      let next = this.position;
      for (let k = this.position; k < batches; k++) {
        while (next < batches && next <= k + ahead) queue.push(schedule(signal, load, indicesOf(next++)));
        const result = await (queue.shift() as Promise<Settled<B>>);
        if (!result.ok) throw 'error' in result ? result.error : new ValueError('DataLoader: batch cancelled');
        this.position = k + 1;
        yield result.value;
      }
    } finally {
      signal.closed = true;
      const problems: unknown[] = [];
      for (const pending of queue) {
        const result = await pending;
        if (result.ok) {
          try {
            this.disposeBatch(result.value);
          } catch (error) {
            problems.push(error);
          }
        }
      }
      await pool?.close();
      if (started) {
        // Whether the epoch ran out or the loop left early, the next loop starts the next epoch.
        this.epochIndex += 1;
        this.position = 0;
        this.epochStart = this.generator?.getState() ?? null;
      }
      this.running = false;
      if (problems.length > 0) throw problems[0];
    }
  }
}

/**
 * Starts loading one batch on a later turn of the event loop (so it overlaps the consumer's
 * own awaits), unless the loop has closed by then.
 */
function schedule<B>(signal: { closed: boolean }, load: (indices: number[]) => Promise<B>, indices: number[]): Promise<Settled<B>> {
  return new Promise((resolve) => {
    later(() => {
      if (signal.closed) return resolve({ ok: false, cancelled: true });
      load(indices).then(
        (value) => resolve({ ok: true, value }),
        (error: unknown) => resolve({ ok: false, error }),
      );
    });
  });
}

const later: (fn: () => void) => void = globalThis.setImmediate ?? ((fn) => setTimeout(fn, 0));

/** The default collate lives with @nnkit/tensor's imports; a loader with its own collate never loads them. */
async function loadDefaultCollate<T, B>(): Promise<CollateFn<T, B>> {
  const { defaultCollate } = await import('./collate.js');
  return defaultCollate as unknown as CollateFn<T, B>;
}

function count(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new ValueError(`DataLoader: ${name} must be an integer >= ${min}, got ${value}`);
  return value;
}
