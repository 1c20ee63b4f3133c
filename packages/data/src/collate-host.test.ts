import { DTypeError, ShapeError, ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { collateHost, type HostNode } from './collate-host.js';
import { HostArray } from './host-array.js';

function array(node: HostNode) {
  if (node.kind !== 'array') throw new Error(`expected an array node, got ${node.kind}`);
  return node;
}

describe('collateHost', () => {
  it('batches numbers into int32 [B] and booleans into bool [B]', () => {
    const n = array(collateHost([3, 1, 4]));
    expect(n.dtype).toBe('int32');
    expect(n.shape).toEqual([3]);
    expect(n.data).toEqual(Int32Array.of(3, 1, 4));
    const b = array(collateHost([true, false]));
    expect(b.dtype).toBe('bool');
    expect(b.data).toEqual(Uint8Array.of(1, 0));
  });

  it('refuses to truncate non-integer numbers unless told to use float32', () => {
    expect(() => collateHost([1, 2.5])).toThrow(DTypeError);
    expect(() => collateHost([1, 2.5])).toThrow(/sample 1 is 2.5, not an int32/);
    expect(() => collateHost([2 ** 31])).toThrow(DTypeError);
    const f = array(collateHost([1, 2.5], { numbers: 'float32' }));
    expect(f.dtype).toBe('float32');
    expect(f.data).toEqual(Float32Array.of(1, 2.5));
  });

  it('stacks typed arrays of one length into [B, n], mapping each array type to a dtype', () => {
    const f = array(collateHost([Float32Array.of(1, 2), Float32Array.of(3, 4), Float32Array.of(5, 6)]));
    expect(f.shape).toEqual([3, 2]);
    expect(f.dtype).toBe('float32');
    expect(f.data).toEqual(Float32Array.of(1, 2, 3, 4, 5, 6));
    expect(array(collateHost([Float64Array.of(1)])).dtype).toBe('float64');
    expect(array(collateHost([Int16Array.of(-3)])).data).toEqual(Int32Array.of(-3));
    const bytes = [Uint8Array.of(0, 255), Uint8Array.of(7, 8)];
    expect(array(collateHost(bytes)).data).toEqual(Int32Array.of(0, 255, 7, 8));
    const asFloat = array(collateHost(bytes, { uint8: 'float32' }));
    expect(asFloat.dtype).toBe('float32');
    expect(asFloat.data).toEqual(Float32Array.of(0, 255, 7, 8));
  });

  it('copies views without touching the memory around them', () => {
    const big = Uint8Array.from({ length: 10 }, (_, i) => i);
    expect(array(collateHost([big.subarray(2, 4), big.subarray(6, 8)])).data).toEqual(Int32Array.of(2, 3, 6, 7));
  });

  it('stacks HostArrays of one shape into [B, ...shape]', () => {
    const a = new HostArray(Float32Array.of(1, 2, 3, 4), [2, 2]);
    const b = new HostArray(Float32Array.of(5, 6, 7, 8), [2, 2]);
    const n = array(collateHost([a, b]));
    expect(n.shape).toEqual([2, 2, 2]);
    expect(n.data).toEqual(Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    const scalars = array(collateHost([HostArray.scalar(0.5), HostArray.scalar(1.5)]));
    expect(scalars.shape).toEqual([2]);
    expect(scalars.dtype).toBe('float32');
    expect(() => collateHost([a, a.reshape([4])])).toThrow(/sample 1 has shape \[4\], sample 0 has \[2,2\]/);
    expect(() => collateHost([HostArray.scalar(1), HostArray.scalar(1, 'int32')])).toThrow(DTypeError);
  });

  it('recurses into tuples and objects, keeping their structure', () => {
    const node = collateHost([
      { x: Float32Array.of(1, 2), y: 0, meta: { id: 'a', pair: [1, true] } },
      { x: Float32Array.of(3, 4), y: 1, meta: { id: 'b', pair: [2, false] } },
    ]);
    expect(node.kind).toBe('record');
    if (node.kind !== 'record') return;
    expect(node.entries.map(([k]) => k)).toEqual(['x', 'y', 'meta']);
    expect(array(node.entries[0][1]).shape).toEqual([2, 2]);
    expect(array(node.entries[1][1]).data).toEqual(Int32Array.of(0, 1));
    const meta = node.entries[2][1];
    expect(meta).toEqual({
      kind: 'record',
      entries: [
        ['id', { kind: 'strings', values: ['a', 'b'] }],
        ['pair', { kind: 'list', items: [{ kind: 'array', data: Int32Array.of(1, 2), shape: [2], dtype: 'int32' }, { kind: 'array', data: Uint8Array.of(1, 0), shape: [2], dtype: 'bool' }] }],
      ],
    });
  });

  it('names the field and sample that disagree', () => {
    expect(() => collateHost([{ x: 1 }, { y: 1 }])).toThrow(/sample 1 is an Object, expected an object with keys \{x\} like sample 0/);
    expect(() => collateHost([[1, 2], [1]])).toThrow(/expected an array of length 2/);
    expect(() => collateHost([{ x: Float32Array.of(1) }, { x: Float32Array.of(1, 2) }])).toThrow(ShapeError);
    expect(() => collateHost([{ x: Float32Array.of(1) }, { x: Float32Array.of(1, 2) }])).toThrow(/field x of sample 1 has length 2, field x of sample 0 has 1/);
    expect(() => collateHost([Float32Array.of(1), Float64Array.of(1)])).toThrow(/expected a Float32Array/);
    expect(() => collateHost([{ x: 1 }, { x: 'a' }])).toThrow(/field x of sample 1 is string a, expected a number/);
    expect(() => collateHost([])).toThrow(ValueError);
  });

  it('rejects what it cannot batch, unless a leaf hook takes it', () => {
    expect(() => collateHost([null])).toThrow(/cannot batch null as sample 0/);
    expect(() => collateHost([new Map()])).toThrow(/cannot batch a Map/);
    expect(() => collateHost([Uint32Array.of(1)])).toThrow(/cannot batch a Uint32Array/);
    const leaf = (values: unknown[], path: string) => (values[0] instanceof Map ? `${values.length} maps at ${path}` : undefined);
    expect(collateHost([{ m: new Map() }, { m: new Map() }], { leaf })).toEqual({
      kind: 'record',
      entries: [['m', { kind: 'value', value: '2 maps at m' }]],
    });
  });
});
