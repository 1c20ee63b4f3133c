import { ValueError } from '@nnkit/core';

/** A value that survives `JSON.stringify` / `JSON.parse` unchanged. */
export type JsonValue = number | string | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A scheduler's state: plain JSON, so it can be written next to a checkpoint. */
export type SchedulerStateDict = { [key: string]: JsonValue };

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isFinite(v) ? 'number' : 'non-finite number';
  return typeof v;
}

/** A deep copy of a JSON value. */
export function cloneJson<T extends JsonValue>(value: T): T {
  return (Array.isArray(value) || (value !== null && typeof value === 'object') ? JSON.parse(JSON.stringify(value)) : value) as T;
}

/**
 * Checks that `got` has the structure of `expected` (the same keys, and values of the same
 * kinds, recursively); throws a `ValueError` naming the first key that differs. Arrays may
 * differ in length (milestones) except where `fixedLength` names them.
 */
export function checkJsonShape(where: string, expected: JsonValue, got: unknown, path = 'state', fixedLength: ReadonlySet<string> = new Set()): void {
  const want = kindOf(expected);
  const have = kindOf(got);
  if (want !== have) throw new ValueError(`${where}: ${path} should be ${want === 'array' ? 'an array' : `a ${want}`}, got ${have}`);
  if (Array.isArray(expected)) {
    const list = got as unknown[];
    const key = path.slice(path.lastIndexOf('.') + 1);
    if (fixedLength.has(key) && list.length !== expected.length) {
      throw new ValueError(`${where}: ${path} has ${list.length} entries but this scheduler needs ${expected.length}`);
    }
    if (expected.length === 0) return;
    list.forEach((item, i) => checkJsonShape(where, expected[Math.min(i, expected.length - 1)], item, `${path}[${i}]`, fixedLength));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    const obj = got as Record<string, unknown>;
    for (const key of Object.keys(expected)) {
      if (!(key in obj)) throw new ValueError(`${where}: ${path} lacks '${key}'`);
      checkJsonShape(where, expected[key], obj[key], path === 'state' ? key : `${path}.${key}`, fixedLength);
    }
    for (const key of Object.keys(obj)) {
      if (!(key in expected)) throw new ValueError(`${where}: ${path} has '${key}', which this scheduler does not keep (is it another scheduler's state?)`);
    }
  }
}
