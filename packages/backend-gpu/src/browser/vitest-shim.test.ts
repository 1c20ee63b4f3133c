import { describe, expect, it } from 'vitest';
import * as shim from './vitest-shim.js';

describe('the in-page vitest shim', () => {
  it('collects nested and async suites in declaration order', async () => {
    const names = await shim.collectTests(() => {
      shim.describe('a', async () => {
        await Promise.resolve();
        shim.it('one', () => undefined);
        shim.describe('b', () => shim.it('two', () => undefined));
        shim.it('three', () => undefined);
      });
      shim.test('four', () => undefined);
    });
    expect(names).toEqual(['a > one', 'a > b > two', 'a > three', 'four']);
  });

  it('runs hooks around their suite and reports each test', async () => {
    const log: string[] = [];
    await shim.collectTests(() => {
      shim.describe('s', () => {
        shim.beforeAll(() => void log.push('before'));
        shim.afterAll(() => void log.push('after'));
        shim.it('passes', async () => void log.push('test'));
        shim.it('fails', () => {
          throw new TypeError('boom');
        });
      });
    });
    const results = await shim.runTests();
    expect(log).toEqual(['before', 'test', 'after']);
    expect(results.map((r) => [r.name, r.ok, r.error])).toEqual([
      ['s > passes', true, undefined],
      ['s > fails', false, 'TypeError: boom'],
    ]);
  });

  it('fails every test of a suite whose beforeAll fails, and times out hung tests', async () => {
    await shim.collectTests(() => {
      shim.describe('broken', () => {
        shim.beforeAll(() => Promise.reject(new Error('no backend')));
        shim.describe('inner', () => shim.it('x', () => undefined));
      });
      shim.it('hangs', () => new Promise(() => undefined));
    });
    const results = await shim.runTests(50);
    expect(results).toMatchObject([
      { name: 'broken > inner > x', ok: false, error: 'beforeAll failed: Error: no backend' },
      { name: 'hangs', ok: false, error: 'Error: timed out after 50 ms' },
    ]);
  });
});
