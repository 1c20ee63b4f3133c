import { CTRL_READY, CTRL_SEQ, CTRL_STOP, CTRL_WORKER_TASKS } from './gemm-layout.js';

/**
 * The worker's whole program, as source text so that it runs the same from `src` and from a
 * bundle (Node: `new Worker(code, { eval: true })`; browsers: a Blob URL). It instantiates the
 * GEMM module over the shared memory, counts itself in the ready word (which the caller reads
 * without its event loop turning: a synchronous training loop still gets the workers) and says
 * 'ready', then loops: poll the job number for
 * `spinMs`, sleep on it with Atomics.wait, and run `work(1)` for each new job until the stop
 * word is set.
 */
export const WORKER_SOURCE = `
const isNode = typeof process === 'object' && typeof require === 'function';
const port = isNode ? require('worker_threads').parentPort : self;
const onFirst = (fn) => isNode ? port.once('message', fn) : (self.onmessage = (e) => fn(e.data));
onFirst(({ module, memory, spinMs }) => {
  const work = new WebAssembly.Instance(module, { env: { memory } }).exports.work;
  const ctl = new Int32Array(memory.buffer, 0, 16);
  let seen = Atomics.load(ctl, ${CTRL_SEQ / 4});
  Atomics.add(ctl, ${CTRL_READY / 4}, 1);
  port.postMessage('ready');
  for (;;) {
    let s = Atomics.load(ctl, ${CTRL_SEQ / 4});
    const until = performance.now() + spinMs;
    while (s === seen && performance.now() < until) {
      for (let i = 0; s === seen && i < 1000; i++) s = Atomics.load(ctl, ${CTRL_SEQ / 4});
    }
    if (s === seen) {
      Atomics.wait(ctl, ${CTRL_SEQ / 4}, seen);
      s = Atomics.load(ctl, ${CTRL_SEQ / 4});
    }
    if (Atomics.load(ctl, ${CTRL_STOP / 4}) !== 0) break;
    seen = s;
    Atomics.add(ctl, ${CTRL_WORKER_TASKS / 4}, work(1));
  }
  if (isNode) port.close(); else self.close();
});
`;

/** One started worker, whatever the platform. */
export interface GemmWorker {
  terminate(): void;
}

/** What a worker needs: the compiled module, the shared memory, how long to poll before sleeping. */
export interface WorkerInit {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  readonly spinMs: number;
}

/** Starts one worker; `settled(true)` once it is ready, `settled(false)` if it failed first. */
type Spawner = (init: WorkerInit, settled: (ok: boolean) => void) => GemmWorker;

function once(settled: (ok: boolean) => void): (ok: boolean) => void {
  let done = false;
  return (ok) => {
    if (!done) settled(ok);
    done = true;
  };
}

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/**
 * Resolves to a function that starts one worker, and the machine's core count: Node's
 * `worker_threads` (workers unref'd, so they never keep the process alive), a browser's Web
 * Workers when the page is cross-origin isolated, or null when neither is available.
 */
export async function loadWorkerSpawner(): Promise<WorkerSpawner | null> {
  if (isNode) {
    // Specifiers built at run time keep browser bundlers (and their minifiers, which fold
    // constants) from seeing a Node built-in; this branch only ever runs in Node.
    const builtin = (name: string) => ['node', name].join(':');
    const wt = (await import(/* @vite-ignore */ builtin('worker_threads'))) as typeof import('node:worker_threads');
    const os = (await import(/* @vite-ignore */ builtin('os'))) as typeof import('node:os');
    return nodeSpawner(wt, os);
  }
  return browserSpawner();
}

/**
 * The same, at once, where the platform allows it (Node ≥ 20.16 has
 * `process.getBuiltinModule`): workers then start while a synchronous loop runs, without
 * waiting for the event loop to load `worker_threads`. Undefined: use `loadWorkerSpawner`.
 */
export function loadWorkerSpawnerSync(): WorkerSpawner | null | undefined {
  const getBuiltin = isNode ? (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule : undefined;
  if (getBuiltin === undefined) return isNode ? undefined : browserSpawner();
  return nodeSpawner(
    getBuiltin('node:worker_threads') as typeof import('node:worker_threads'),
    getBuiltin('node:os') as typeof import('node:os'),
  );
}

/** What the loaders return: how to start one worker, and the machine's core count. */
export interface WorkerSpawner {
  readonly spawn: Spawner;
  readonly cores: number;
}

/** Node's `worker_threads`. */
function nodeSpawner(wt: typeof import('node:worker_threads'), os: typeof import('node:os')): WorkerSpawner {
  const spawn: Spawner = (init, settled) => {
    const report = once(settled);
    const w = new wt.Worker(WORKER_SOURCE, { eval: true });
    // Referenced while starting (so that awaiting ready() keeps the process alive), then
    // unref'd: an idle worker never keeps the process alive.
    w.on('message', () => {
      w.unref();
      report(true);
    });
    w.on('error', () => report(false)); // a lost worker only means fewer threads
    w.postMessage(init);
    return { terminate: () => void w.terminate() };
  };
  return { spawn, cores: os.availableParallelism() };
}

/** A browser's Web Workers, when the page is cross-origin isolated (else null). */
function browserSpawner(): WorkerSpawner | null {
  const g = globalThis as { crossOriginIsolated?: boolean; Worker?: typeof Worker };
  if (g.crossOriginIsolated !== true || g.Worker === undefined) return null;
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const spawn: Spawner = (init, settled) => {
    const report = once(settled);
    const w = new Worker(url);
    w.onmessage = () => report(true);
    w.onerror = () => report(false);
    w.postMessage(init);
    return { terminate: () => w.terminate() };
  };
  return { spawn, cores: navigator.hardwareConcurrency || 1 };
}
