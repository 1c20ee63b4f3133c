// @ts-check
// The body of a DataLoader worker thread (see worker-pool.ts). Plain JavaScript on purpose:
// Node 20 cannot run TypeScript in a worker, and this file must work both from src/ (tests)
// and from dist/ (the published package), so it imports nothing from the package.
import { parentPort, workerData } from 'node:worker_threads';

const HOST_ARRAY_BRAND = Symbol.for('@nnkit/data.HostArray');
const HOST_ARRAY_TAG = '__nnkitHostArray';
const typedSlice = Object.getPrototypeOf(Uint8Array.prototype).slice;

/**
 * @typedef {{ length: number, get(index: number): unknown }} WorkerDataset
 * @typedef {{ module: string, exportName: string, args: unknown[] }} Spec
 */

/** @param {Spec} spec @returns {Promise<WorkerDataset>} */
async function createDataset(spec) {
  const mod = await import(spec.module);
  const factory = mod[spec.exportName];
  if (typeof factory !== 'function') {
    throw new TypeError(`${spec.module} has no export '${spec.exportName}' that is a class or a function (found ${typeof factory})`);
  }
  const isClass = /^class[\s{]/.test(Function.prototype.toString.call(factory));
  const dataset = isClass ? new factory(...spec.args) : await factory(...spec.args);
  if (dataset === null || typeof dataset !== 'object' || typeof dataset.get !== 'function' || typeof dataset.length !== 'number') {
    throw new TypeError(`${spec.module} export '${spec.exportName}' did not give a dataset (an object with length and get)`);
  }
  return dataset;
}

/**
 * Copies every typed array into a compact buffer of its own and lists it for transfer:
 * a sample is often a view over a whole dataset's memory, and posting a view would clone
 * (or transfer away) all of it.
 * @param {unknown} value @param {ArrayBuffer[]} transfer @returns {unknown}
 */
function pack(value, transfer) {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const copy = typedSlice.call(value);
    transfer.push(copy.buffer);
    return copy;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = /** @type {Record<string | symbol, unknown>} */ (value);
  if (record[HOST_ARRAY_BRAND] === true) {
    return { [HOST_ARRAY_TAG]: true, data: pack(record.data, transfer), shape: [.../** @type {number[]} */ (record.shape)], dtype: record.dtype };
  }
  if (Array.isArray(value)) return value.map((v) => pack(v, transfer));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const key of Object.keys(value)) out[key] = pack(record[key], transfer);
  return out;
}

/** @param {unknown} error */
function serialize(error) {
  if (error instanceof Error) {
    const file = /** @type {{ file?: unknown }} */ (error).file;
    return { name: error.name, message: error.message, stack: error.stack, file: typeof file === 'string' ? file : undefined };
  }
  return { name: 'Error', message: String(error) };
}

const port = parentPort;
if (port === null) throw new Error('loader-worker.js runs only as a worker thread started by a DataLoader');

createDataset(/** @type {Spec} */ (workerData)).then(
  (dataset) => {
    port.on('message', async (/** @type {{ id: number, indices: number[] }} */ msg) => {
      try {
        const samples = await Promise.all(msg.indices.map((i) => dataset.get(i)));
        /** @type {ArrayBuffer[]} */
        const transfer = [];
        const packed = pack(samples, transfer);
        port.postMessage({ type: 'batch', id: msg.id, samples: packed }, transfer);
      } catch (error) {
        port.postMessage({ type: 'error', id: msg.id, error: serialize(error) });
      }
    });
    port.postMessage({ type: 'ready', length: dataset.length });
  },
  (error) => port.postMessage({ type: 'error', id: null, error: serialize(error) }),
);
