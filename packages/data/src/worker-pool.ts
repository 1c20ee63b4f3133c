import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  AutogradError,
  BackendError,
  DisposedError,
  DTypeError,
  FormatError,
  NnkitError,
  ShapeError,
  ValueError,
} from '@nnkit/core';
import { HostArray } from './host-array.js';

/**
 * How a worker thread recreates the dataset: it imports `module` and builds the dataset from
 * its export `export` with `args`.
 */
export interface WorkerDatasetSpec {
  /**
   * An absolute path or `file:` URL of an ES module that plain Node can import (JavaScript, or
   * anything your `execArgv` loaders handle); bare names resolve from @nnkit/data's own folder.
   */
  readonly module: string | URL;
  /** The export: a class (called with `new`) or a function returning a dataset or its promise. Default `'default'`. */
  readonly export?: string;
  /** Arguments for it; they are structured-cloned into each worker, so no functions or class instances. */
  readonly args?: readonly unknown[];
}

interface Pending {
  resolve(samples: unknown[]): void;
  reject(error: unknown): void;
}

type Message =
  | { type: 'ready'; length: number }
  | { type: 'batch'; id: number; samples: unknown[] }
  | { type: 'error'; id: number | null; error: SerializedError };
// (`id: null` is an error raised while the worker was building its dataset.)

interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  file?: string;
}

const HOST_ARRAY_TAG = '__nnkitHostArray';
const ERRORS: Record<string, new (message: string) => Error> = {
  ShapeError,
  DTypeError,
  BackendError,
  ValueError,
  DisposedError,
  AutogradError,
  NnkitError,
};

/** One worker thread and the requests it has not answered yet. */
class Slot {
  readonly pending = new Map<number, Pending>();

  constructor(
    readonly worker: Worker,
    readonly index: number,
  ) {}

  /** Keeps the process alive only while an answer is awaited, so a forgotten loader cannot hang exit. */
  updateRef(): void {
    if (this.pending.size > 0) this.worker.ref();
    else this.worker.unref();
  }

  failAll(error: unknown): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    this.updateRef();
  }
}

/**
 * Worker threads that each hold their own copy of a dataset and answer "load these indices"
 * with the samples, packed into compact transferable buffers. Used by `DataLoader` when
 * `workers > 0`; one pool lives for one pass over the data.
 */
export class WorkerPool {
  private nextId = 0;
  private turn = 0;
  private closed = false;

  private constructor(private readonly slots: Slot[]) {}

  /** Starts `count` workers and waits until each has built its dataset of `expectedLength` samples. */
  static async start(spec: WorkerDatasetSpec, count: number, expectedLength: number): Promise<WorkerPool> {
    const data = { module: moduleSpecifier(spec.module), exportName: spec.export ?? 'default', args: [...(spec.args ?? [])] };
    const slots: Slot[] = [];
    const pool = new WorkerPool(slots);
    const ready: Promise<void>[] = [];
    try {
      for (let i = 0; i < count; i++) {
        let worker: Worker;
        try {
          worker = new Worker(new URL('./loader-worker.js', import.meta.url), { workerData: data });
        } catch (error) {
          throw new ValueError(`DataLoader: could not start worker ${i} (workerDataset.args must be structured-cloneable): ${String(error)}`, { cause: error });
        }
        const slot = new Slot(worker, i);
        slots.push(slot);
        ready.push(pool.listen(slot, expectedLength));
      }
      await Promise.all(ready);
      return pool;
    } catch (error) {
      await Promise.allSettled(ready);
      await pool.close();
      throw error;
    }
  }

  /** Asks the next worker (round robin) for the samples at `indices`. */
  load(indices: readonly number[]): Promise<unknown[]> {
    if (this.closed) return Promise.reject(new ValueError('DataLoader: worker pool is closed'));
    const slot = this.slots[this.turn++ % this.slots.length];
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.updateRef();
      slot.worker.postMessage({ id, indices });
    });
  }

  /** Stops every worker; requests still pending are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.failAll(new ValueError('DataLoader: worker pool closed before the batch arrived'));
        await slot.worker.terminate();
      }),
    );
  }

  /** Wires a worker's events for its whole life; resolves once it has built its dataset. */
  private listen(slot: Slot, expectedLength: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let started = false;
      const fail = (error: unknown) => {
        if (started) slot.failAll(error);
        else reject(error);
        started = true;
      };
      slot.worker.on('message', (msg: Message) => {
        if (msg.type === 'ready') {
          started = true;
          slot.updateRef();
          if (msg.length === expectedLength) resolve();
          else reject(new ValueError(`DataLoader: worker ${slot.index} built a dataset of length ${msg.length}, but the loader's dataset has ${expectedLength}`));
          return;
        }
        if (msg.type === 'error' && msg.id === null) return fail(revive(msg.error, slot.index));
        const id = msg.id as number;
        const pending = slot.pending.get(id);
        if (pending === undefined) return;
        slot.pending.delete(id);
        slot.updateRef();
        if (msg.type === 'batch') pending.resolve(msg.samples.map(unpack));
        else pending.reject(revive(msg.error, slot.index));
      });
      slot.worker.on('error', (error) => fail(revive(error, slot.index)));
      slot.worker.on('exit', (code) => {
        if (!this.closed) fail(new ValueError(`DataLoader: worker ${slot.index} exited unexpectedly with code ${code}`));
      });
    });
  }
}

function moduleSpecifier(module: string | URL): string {
  if (module instanceof URL) return module.href;
  return isAbsolute(module) ? pathToFileURL(module).href : module;
}

/** Turns the worker's tagged HostArrays back into `HostArray`s; everything else came through as is. */
function unpack(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map(unpack);
  const record = value as Record<string, unknown>;
  if (record[HOST_ARRAY_TAG] === true) {
    return new HostArray(record.data as HostArray['data'], record.shape as number[], record.dtype as HostArray['dtype']);
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unpack(v)]));
}

/** Rebuilds an error from a worker as the same nnkit error class, saying which worker raised it. */
function revive(error: SerializedError | Error, worker: number): Error {
  const where = ` (in DataLoader worker ${worker})`;
  let out: Error;
  const file = (error as SerializedError).file;
  if (error.name === 'FormatError' && typeof file === 'string') {
    const prefix = `${file}: `;
    const detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    out = new FormatError(file, detail + where);
  } else {
    const Ctor = ERRORS[error.name];
    out = Ctor ? new Ctor(error.message + where) : new Error(`${error.name}: ${error.message}${where}`);
  }
  if (error.stack) out.stack = `${out.stack}\n--- worker stack ---\n${error.stack}`;
  return out;
}
