/*
 * Just enough of vitest's API (describe, it, beforeAll, afterAll) for a suite such as
 * `describeBackend` to register and run inside a browser page, where vitest itself does not
 * exist. The page bundle aliases `vitest` to this file; `collectTests` and `runTests` then
 * replace vitest's collector and runner, and the results travel back to a Node-side test.
 */

type Fn = () => unknown;

interface Test {
  readonly kind: 'test';
  readonly name: string;
  readonly fn: Fn;
}

interface Suite {
  readonly kind: 'suite';
  readonly name: string;
  readonly fn: Fn;
  readonly items: (Suite | Test)[];
  readonly beforeAll: Fn[];
  readonly afterAll: Fn[];
}

/** The outcome of one test: its full title (`suite > … > test`), pass or the error, time. */
export interface TestResult {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly ms: number;
}

const newSuite = (name: string, fn: Fn): Suite => ({ kind: 'suite', name, fn, items: [], beforeAll: [], afterAll: [] });

let root = newSuite('', () => undefined);
let current: Suite = root;

/** vitest's `describe`: the body runs when `collectTests` reaches it (and may be async). */
export function describe(name: string, fn: Fn): void {
  current.items.push(newSuite(name, fn));
}

/** vitest's `it`. */
export function it(name: string, fn: Fn): void {
  current.items.push({ kind: 'test', name, fn });
}

/** vitest's `beforeAll`, for the suite being collected. */
export function beforeAll(fn: Fn): void {
  current.beforeAll.push(fn);
}

/** vitest's `afterAll`, for the suite being collected. */
export function afterAll(fn: Fn): void {
  current.afterAll.push(fn);
}

export { it as test };

async function collect(suite: Suite): Promise<void> {
  current = suite;
  // A suite's body finishes (awaited, as vitest does) before its children are collected, so
  // `current` cannot change under it.
  await suite.fn();
  for (const item of [...suite.items]) if (item.kind === 'suite') await collect(item);
}

function titles(suite: Suite, prefix: string, out: string[]): string[] {
  for (const item of suite.items) {
    const name = prefix ? `${prefix} > ${item.name}` : item.name;
    if (item.kind === 'test') out.push(name);
    else titles(item, name, out);
  }
  return out;
}

/**
 * Runs `register` (which calls `describe`/`it`), collects every suite, and returns the full
 * titles of the tests, in run order.
 */
export async function collectTests(register: () => void): Promise<string[]> {
  root = newSuite('', () => undefined);
  current = root;
  register();
  await collect(root);
  return titles(root, '', []);
}

function message(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

async function withTimeout(fn: Fn, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([Promise.resolve().then(fn), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function run(suite: Suite, prefix: string, timeoutMs: number, out: TestResult[], failed: string | null): Promise<void> {
  let setupError = failed;
  for (const hook of suite.beforeAll) {
    if (setupError !== null) break;
    try {
      await withTimeout(hook, timeoutMs);
    } catch (e) {
      setupError = `beforeAll failed: ${message(e)}`;
    }
  }
  for (const item of suite.items) {
    const name = prefix ? `${prefix} > ${item.name}` : item.name;
    if (item.kind === 'suite') {
      await run(item, name, timeoutMs, out, setupError);
      continue;
    }
    const start = performance.now();
    if (setupError !== null) {
      out.push({ name, ok: false, error: setupError, ms: 0 });
      continue;
    }
    try {
      await withTimeout(item.fn, timeoutMs);
      out.push({ name, ok: true, ms: performance.now() - start });
    } catch (e) {
      out.push({ name, ok: false, error: message(e), ms: performance.now() - start });
    }
  }
  for (const hook of suite.afterAll) {
    try {
      await withTimeout(hook, timeoutMs);
    } catch (e) {
      out.push({ name: `${prefix} > afterAll`, ok: false, error: message(e), ms: 0 });
    }
  }
}

/** Runs the collected tests in order, hooks included; a test that takes `timeoutMs` fails. */
export async function runTests(timeoutMs = 30_000): Promise<TestResult[]> {
  const out: TestResult[] = [];
  await run(root, '', timeoutMs, out, null);
  return out;
}
