import { FormatError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { bytesOf } from './byte-order.js';
import { convertFromSafetensors } from './safetensors-convert.js';
import { decodeSafetensors } from './safetensors-decode.js';

/** A safetensors file holding one tensor `t` of `code` with the given little-endian bytes. */
function oneTensor(code: string, shape: number[], data: number[]): Uint8Array {
  const header = JSON.stringify({ t: { dtype: code, shape, data_offsets: [0, data.length] } });
  const text = new TextEncoder().encode(header.padEnd(Math.ceil(header.length / 8) * 8, ' '));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

const load = (code: string, shape: number[], data: number[]) =>
  decodeSafetensors(oneTensor(code, shape, data)).tensors.t;

describe('decodeSafetensors reads dtypes nnkit does not write', () => {
  it('widens F16 to float32 from known bit patterns', () => {
    // 1.0, -2.0, 65504, 2^-24 (subnormal), -Infinity, NaN with payload 1
    const t = load('F16', [6], [0x00, 0x3c, 0x00, 0xc0, 0xff, 0x7b, 0x01, 0x00, 0x00, 0xfc, 0x01, 0x7c]);
    expect(t.dtype).toBe('float32');
    expect([...t.data].slice(0, 5)).toEqual([1, -2, 65504, 2 ** -24, -Infinity]);
    expect(new Uint32Array(t.data.buffer)[5].toString(16)).toBe('7f802000');
  });

  it('widens BF16 to float32 from known bit patterns', () => {
    // 1.0, -3.140625, -0, NaN with payload
    const t = load('BF16', [2, 2], [0x80, 0x3f, 0x49, 0xc0, 0x00, 0x80, 0xc1, 0x7f]);
    expect(t).toMatchObject({ dtype: 'float32', shape: [2, 2] });
    expect([...t.data].slice(0, 3)).toEqual([1, -3.140625, -0]);
    expect(Object.is(t.data[2], -0)).toBe(true);
    expect(new Uint32Array(t.data.buffer)[3].toString(16)).toBe('7fc10000');
  });

  it('narrows I64 to int32 when every value fits', () => {
    const t = load(
      'I64',
      [3],
      [
        ...[0x05, 0, 0, 0, 0, 0, 0, 0],
        ...[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // -1
        ...[0x00, 0x00, 0x00, 0x80, 0xff, 0xff, 0xff, 0xff], // -2^31
      ],
    );
    expect(t.dtype).toBe('int32');
    expect([...t.data]).toEqual([5, -1, -2147483648]);
  });

  it('refuses an I64 value that does not fit in int32, naming the tensor', () => {
    const bytes = oneTensor('I64', [2], [...[1, 0, 0, 0, 0, 0, 0, 0], ...[0, 0, 0, 0, 1, 0, 0, 0]]);
    expect(() => decodeSafetensors(bytes, 'big.safetensors')).toThrow(
      new FormatError('big.safetensors', "tensor 't': I64 value 4294967296 at index 1 does not fit in int32"),
    );
    const low = oneTensor('I64', [1], [0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff]); // -2^31 - 1
    expect(() => decodeSafetensors(low)).toThrow(/I64 value -2147483649 at index 0 does not fit in int32/);
  });

  it('narrows U64 and U32 when they fit and refuses values of 2^31 and up', () => {
    expect([...load('U64', [1], [7, 0, 0, 0, 0, 0, 0, 0]).data]).toEqual([7]);
    expect([...load('U32', [2], [0xff, 0xff, 0xff, 0x7f, 1, 0, 0, 0]).data]).toEqual([2147483647, 1]);
    expect(() => load('U32', [1], [0, 0, 0, 0x80])).toThrow(/U32 value 2147483648 at index 0 does not fit in int32/);
    expect(() => load('U64', [1], [0, 0, 0, 0, 0, 0, 0, 0x80])).toThrow(/U64 value 9223372036854775808 at index 0/);
  });

  it('widens U8, I8, I16 and U16 to int32', () => {
    expect([...load('U8', [3], [0, 200, 255]).data]).toEqual([0, 200, 255]);
    expect([...load('I8', [3], [0, 0x80, 0xff]).data]).toEqual([0, -128, -1]);
    expect([...load('I16', [2], [0x00, 0x80, 0x34, 0x12]).data]).toEqual([-32768, 0x1234]);
    expect([...load('U16', [2], [0xff, 0xff, 0x34, 0x12]).data]).toEqual([65535, 0x1234]);
    expect(load('U16', [2], [0, 0, 0, 0]).data).toBeInstanceOf(Int32Array);
  });

  it('reads BOOL bytes as 0/1', () => {
    const t = load('BOOL', [3], [0, 1, 9]);
    expect(t.dtype).toBe('bool');
    expect([...t.data]).toEqual([0, 1, 1]);
  });

  it('accepts files whose tensors are listed out of data order, as older writers did', () => {
    const header =
      '{"z":{"dtype":"I32","shape":[1],"data_offsets":[0,4]},"__metadata__":null,"a":{"dtype":"U8","shape":[2],"data_offsets":[4,6]}}';
    const text = new TextEncoder().encode(header);
    const bytes = new Uint8Array([text.length, 0, 0, 0, 0, 0, 0, 0, ...text, 3, 0, 0, 0, 4, 5]);
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect([...tensors.z.data, ...tensors.a.data]).toEqual([3, 4, 5]);
    expect(metadata).toEqual({});
  });
});

describe('convertFromSafetensors on a big-endian host', () => {
  it('swaps F32, F64 and I32 bytes into host order, keeping NaN payloads', () => {
    const f32 = convertFromSafetensors('F32', Uint8Array.from([0x01, 0x00, 0x80, 0x7f]), 1, failNever, false);
    expect([...bytesOf(f32)]).toEqual([0x7f, 0x80, 0x00, 0x01]);
    const f64 = convertFromSafetensors('F64', Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 1, failNever, false);
    expect([...bytesOf(f64)]).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    const i32 = convertFromSafetensors('I32', Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), 2, failNever, false);
    expect([...bytesOf(i32)]).toEqual([4, 3, 2, 1, 8, 7, 6, 5]);
  });
});

function failNever(): never {
  throw new Error('unexpected overflow');
}
