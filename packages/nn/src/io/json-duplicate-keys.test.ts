import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from './json-duplicate-keys.js';

describe('findDuplicateKey', () => {
  it('finds nothing in JSON without repeats', () => {
    expect(findDuplicateKey('{"a":{"x":1,"y":[1,{"x":2}]},"b":{"x":"a"},"c":"\\"a\\":"}')).toBeUndefined();
    expect(findDuplicateKey('{}')).toBeUndefined();
  });

  it('finds a repeated top-level key', () => {
    expect(findDuplicateKey('{"a":1, "b":2 ,\n"a" : 3}')).toEqual({ key: 'a', parent: undefined });
  });

  it('finds a repeated key inside a nested object and names its parent', () => {
    expect(findDuplicateKey('{"w":{"dtype":"F32","shape":[],"dtype":"F64"}}')).toEqual({ key: 'dtype', parent: 'w' });
  });

  it('compares keys after unescaping them', () => {
    expect(findDuplicateKey('{"a":1,"\\u0061":2}')).toEqual({ key: 'a', parent: undefined });
    expect(findDuplicateKey('{"a\\\\":1,"a":2}')).toBeUndefined();
  });

  it('does not mistake string values or keys of sibling objects for repeats', () => {
    expect(findDuplicateKey('{"a":"b","b":{"a":"a"},"c":{"a":1}}')).toBeUndefined();
  });
});
