import { describe, expect, it } from 'vitest';
import { disposeDeep } from './dispose-deep.js';

describe('disposeDeep', () => {
  it('disposes everything disposable in arrays and plain objects, once', () => {
    const disposed: string[] = [];
    const d = (name: string) => ({ dispose: () => disposed.push(name) });
    disposeDeep({ a: d('a'), b: [d('b0'), { c: d('c') }], s: 'x', n: 1, nil: null, arr: Float32Array.of(1) });
    expect(disposed).toEqual(['a', 'b0', 'c']);
    disposeDeep(d('top'));
    expect(disposed).toContain('top');
    expect(() => disposeDeep(undefined)).not.toThrow();
  });
});
