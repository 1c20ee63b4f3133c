import { describe, expect, it } from 'vitest';
import { bytesOf } from './byte-order.js';
import type { RawTensor } from './raw-tensor.js';
import { decodeSafetensors } from './safetensors-decode.js';
import { encodeSafetensors } from './safetensors-encode.js';

const f32Bits = (...bits: number[]): Float32Array => new Float32Array(new Uint32Array(bits).buffer);
const f64Bits = (...bits: bigint[]): Float64Array => new Float64Array(new BigUint64Array(bits).buffer);

// Special values given as bit patterns, so NaN payloads and -0 are exact.
const special: Record<string, RawTensor> = {
  f32: {
    dtype: 'float32',
    shape: [2, 5],
    data: f32Bits(
      0x7fc00000, // quiet NaN
      0x7f800001, // signalling NaN, payload 1
      0xffc12345, // negative NaN with payload
      0x80000000, // -0
      0x00000001, // smallest subnormal
      0x807fffff, // largest negative subnormal
      0x7f800000, // Infinity
      0xff800000, // -Infinity
      0x7f7fffff, // largest finite
      0x3eaaaaab, // 1/3
    ),
  },
  f64: {
    dtype: 'float64',
    shape: [7],
    data: f64Bits(
      0x7ff8000000000000n,
      0x7ff0000000000001n,
      0xfff8deadbeef0001n,
      0x8000000000000000n,
      0x0000000000000001n,
      0xfff0000000000000n,
      0x3fd5555555555555n,
    ),
  },
  i32: { dtype: 'int32', shape: [4], data: new Int32Array([0, -1, 2147483647, -2147483648]) },
  mask: { dtype: 'bool', shape: [2, 2], data: new Uint8Array([1, 0, 0, 1]) },
};

function expectSameTensors(got: Record<string, RawTensor>, want: Record<string, RawTensor>): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const [name, tensor] of Object.entries(want)) {
    expect(got[name].dtype).toBe(tensor.dtype);
    expect(got[name].shape).toEqual(tensor.shape);
    expect(got[name].data.constructor).toBe(tensor.data.constructor);
    expect([...bytesOf(got[name].data)]).toEqual([...bytesOf(tensor.data)]);
  }
}

describe('safetensors round trip', () => {
  it('is bit-exact for every dtype, NaN payloads, -0, subnormals and infinities included', () => {
    const { tensors, metadata } = decodeSafetensors(encodeSafetensors(special));
    expectSameTensors(tensors, special);
    expect(metadata).toEqual({});
  });

  it('keeps empty tensors and scalars', () => {
    const odd: Record<string, RawTensor> = {
      scalar: { dtype: 'float64', shape: [], data: new Float64Array([Math.PI]) },
      empty: { dtype: 'float32', shape: [0], data: new Float32Array(0) },
      empty2d: { dtype: 'int32', shape: [3, 0], data: new Int32Array(0) },
      boolScalar: { dtype: 'bool', shape: [], data: new Uint8Array([1]) },
    };
    expectSameTensors(decodeSafetensors(encodeSafetensors(odd)).tensors, odd);
  });

  it('keeps metadata, with non-ASCII text and escapes', () => {
    const metadata = { format: 'pt', note: 'épreuve "1"\n\ttab ✓ 😀', '': 'empty key' };
    expect(decodeSafetensors(encodeSafetensors({}, metadata)).metadata).toEqual(metadata);
  });

  it('keeps awkward names, including __proto__ as a plain key', () => {
    const scalar = (v: number): RawTensor => ({ dtype: 'int32', shape: [], data: new Int32Array([v]) });
    const tensors = Object.fromEntries([
      ['__proto__', scalar(1)],
      ['0', scalar(2)],
      ['layer.0.weight', scalar(3)],
      ['', scalar(4)],
      ['ünï "cødé"', scalar(5)],
    ]);
    const back = decodeSafetensors(encodeSafetensors(tensors)).tensors;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expectSameTensors(back, tensors);
  });

  it('reads from a Node Buffer that sits at an offset in a pooled ArrayBuffer', () => {
    const bytes = encodeSafetensors(special);
    const pooled = Buffer.alloc(bytes.length + 3);
    pooled.set(bytes, 3);
    const shifted = pooled.subarray(3);
    expect(shifted.byteOffset % 8).not.toBe(0);
    expectSameTensors(decodeSafetensors(shifted).tensors, special);
  });

  it('returns arrays that do not alias the input bytes', () => {
    const bytes = encodeSafetensors(special);
    const { tensors } = decodeSafetensors(bytes);
    bytes.fill(0);
    expectSameTensors(tensors, special);
  });

  it('round-trips a larger random state dict', () => {
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) >>> 0);
    const tensors: Record<string, RawTensor> = {};
    for (let i = 0; i < 20; i++) {
      const shape = [1 + (next() % 7), 1 + (next() % 5)];
      const n = shape[0] * shape[1];
      const kind = next() % 4;
      const bits = Uint32Array.from({ length: n * 2 }, next);
      tensors[`layer.${i}.p`] =
        kind === 0
          ? { dtype: 'float32', shape, data: new Float32Array(bits.buffer, 0, n) }
          : kind === 1
            ? { dtype: 'float64', shape, data: new Float64Array(bits.buffer, 0, n) }
            : kind === 2
              ? { dtype: 'int32', shape, data: new Int32Array(bits.buffer, 0, n) }
              : { dtype: 'bool', shape, data: Uint8Array.from({ length: n }, () => next() & 1) };
    }
    expectSameTensors(decodeSafetensors(encodeSafetensors(tensors, { step: '20' })).tensors, tensors);
  });
});
