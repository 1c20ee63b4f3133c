import { DTypeError, ShapeError, ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import type { RawTensor } from './raw-tensor.js';
import { encodeSafetensors } from './safetensors-encode.js';

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

describe('encodeSafetensors golden bytes', () => {
  it('writes the bytes the safetensors spec prescribes, byte for byte', () => {
    const tensors: Record<string, RawTensor> = {
      b: { dtype: 'int32', shape: [2], data: new Int32Array([1, -2]) },
      c: { dtype: 'bool', shape: [3], data: new Uint8Array([1, 0, 1]) },
      a: { dtype: 'float32', shape: [], data: new Float32Array([1.5]) },
      w: { dtype: 'float64', shape: [1], data: new Float64Array([-0]) },
    };
    // Built by hand from the spec: tensors laid out F64, F32, I32, BOOL (then by name),
    // the header listing __metadata__ first and the tensors in data order.
    const header =
      '{"__metadata__":{"format":"pt"},' +
      '"w":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},' +
      '"a":{"dtype":"F32","shape":[],"data_offsets":[8,12]},' +
      '"b":{"dtype":"I32","shape":[2],"data_offsets":[12,20]},' +
      '"c":{"dtype":"BOOL","shape":[3],"data_offsets":[20,23]}}';
    expect(header.length).toBe(249); // so 7 spaces pad it to 256 = 0x100
    const expected = [
      ...[0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], // u64 LE 256
      ...ascii(header),
      ...ascii('       '),
      ...[0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80], // w: F64 -0
      ...[0x00, 0x00, 0xc0, 0x3f], // a: F32 1.5
      ...[0x01, 0x00, 0x00, 0x00, 0xfe, 0xff, 0xff, 0xff], // b: I32 1, -2
      ...[0x01, 0x00, 0x01], // c: BOOL
    ];
    expect([...encodeSafetensors(tensors, { format: 'pt' })]).toEqual(expected);
  });

  it('writes an empty file as the reference writer does: {} and six spaces', () => {
    expect([...encodeSafetensors({})]).toEqual([8, 0, 0, 0, 0, 0, 0, 0, ...ascii('{}      ')]);
  });

  it('writes metadata alone, padded to 40 bytes', () => {
    const bytes = encodeSafetensors({}, { framework: 'pt' });
    expect([...bytes]).toEqual([40, 0, 0, 0, 0, 0, 0, 0, ...ascii('{"__metadata__":{"framework":"pt"}}     ')]);
  });

  it('pads the header so the data starts 8-byte aligned', () => {
    const data = new Float32Array([0, 1, 2, 3, 4, 5]);
    const bytes = encodeSafetensors({ attn0: { dtype: 'float32', shape: [1, 1, 2, 3], data } });
    const header = '{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}';
    expect([...bytes.subarray(0, 8 + 72)]).toEqual([72, 0, 0, 0, 0, 0, 0, 0, ...ascii(header.padEnd(72, ' '))]);
    expect([...bytes.subarray(80)]).toEqual([...new Uint8Array(data.buffer)]);
  });

  it('orders names of one dtype by code point (UTF-8 byte order), not UTF-16 units', () => {
    const scalar = (): RawTensor => ({ dtype: 'int32', shape: [], data: new Int32Array(1) });
    // U+FF61 sorts before U+1F600 by code point, after it by UTF-16 code unit.
    const bytes = encodeSafetensors({ '\u{1F600}': scalar(), '\uFF61': scalar(), B: scalar(), a: scalar() });
    const text = new TextDecoder().decode(bytes.subarray(8));
    const order = ['B', 'a', '\uFF61', '\u{1F600}'].map((name) => text.indexOf(`"${name}"`));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(text).toContain('"\uFF61":{"dtype":"I32","shape":[],"data_offsets":[8,12]}');
  });

  it('writes escaped names and non-ASCII metadata as UTF-8 JSON', () => {
    const bytes = encodeSafetensors(
      { 'q"\n': { dtype: 'bool', shape: [0], data: new Uint8Array(0) } },
      { note: 'π ≈ 3.14' },
    );
    const text = new TextDecoder().decode(bytes.subarray(8)).trimEnd();
    expect(text).toBe(
      '{"__metadata__":{"note":"π ≈ 3.14"},"q\\"\\n":{"dtype":"BOOL","shape":[0],"data_offsets":[0,0]}}',
    );
  });

  it('writes bool values other than 0 as 1', () => {
    const bytes = encodeSafetensors({ m: { dtype: 'bool', shape: [3], data: new Uint8Array([0, 7, 255]) } });
    expect([...bytes.subarray(-3)]).toEqual([0, 1, 1]);
  });

  it('writes a typed array that is a view into a larger buffer', () => {
    const backing = new Int32Array([9, 8, 7, 6]);
    const bytes = encodeSafetensors({ v: { dtype: 'int32', shape: [2], data: backing.subarray(1, 3) } });
    expect([...bytes.subarray(-8)]).toEqual([8, 0, 0, 0, 7, 0, 0, 0]);
  });
});

describe('encodeSafetensors rejects bad input', () => {
  const f32 = (shape: number[], n: number): RawTensor => ({ dtype: 'float32', shape, data: new Float32Array(n) });

  it('rejects a data length that does not match the shape', () => {
    expect(() => encodeSafetensors({ w: f32([2, 3], 5) })).toThrow(
      new ShapeError("encodeSafetensors: tensor 'w': shape [2,3] holds 6 elements but data has 5"),
    );
  });

  it('rejects negative or fractional dimensions', () => {
    expect(() => encodeSafetensors({ w: f32([-1], 0) })).toThrow(ShapeError);
    expect(() => encodeSafetensors({ w: f32([1.5], 1) })).toThrow(
      /shape must be an array of non-negative integers, got \[1.5\]/,
    );
  });

  it('rejects data whose typed array does not match the dtype', () => {
    const bad = { dtype: 'float32', shape: [1], data: new Float64Array(1) } as RawTensor;
    expect(() => encodeSafetensors({ w: bad })).toThrow(
      new DTypeError("encodeSafetensors: tensor 'w': dtype float32 needs a Float32Array, got Float64Array"),
    );
  });

  it('rejects an unknown dtype', () => {
    const bad = { dtype: 'float16', shape: [1], data: new Uint8Array(2) } as unknown as RawTensor;
    expect(() => encodeSafetensors({ w: bad })).toThrow(
      new DTypeError("encodeSafetensors: tensor 'w': unknown dtype float16"),
    );
  });

  it('rejects a tensor that is not an object', () => {
    expect(() => encodeSafetensors({ w: null as unknown as RawTensor })).toThrow(ValueError);
  });

  it('rejects the reserved name __metadata__', () => {
    expect(() => encodeSafetensors({ __metadata__: f32([1], 1) })).toThrow(/'__metadata__': the name is reserved/);
  });

  it('rejects names and metadata that are not valid Unicode', () => {
    expect(() => encodeSafetensors({ ['a\uD800']: f32([1], 1) })).toThrow(ValueError);
    expect(() => encodeSafetensors({}, { k: '\uDC00' })).toThrow(/metadata 'k' is not valid Unicode/);
  });

  it('rejects metadata values that are not strings', () => {
    const metadata = { epoch: 3 } as unknown as Record<string, string>;
    expect(() => encodeSafetensors({}, metadata)).toThrow(
      new ValueError("encodeSafetensors: metadata 'epoch' must be a string, got number"),
    );
  });
});
