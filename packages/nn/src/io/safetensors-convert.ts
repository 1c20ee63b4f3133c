import type { TypedArray } from '@nnkit/core';
import { copySwappingToLittleEndian } from './byte-order.js';
import { bfloat16BitsToFloatBits, halfBitsToFloatBits } from './half-float.js';

/** Called with the first element that does not fit in int32; must throw. */
export type OverflowHandler = (index: number, value: bigint) => never;

/**
 * Turns one tensor's little-endian bytes (already checked to hold `count` elements of
 * `code`) into a fresh typed array of the dtype nnkit loads that code as.
 */
export function convertFromSafetensors(
  code: string,
  bytes: Uint8Array,
  count: number,
  onOverflow: OverflowHandler,
  hostIsLittleEndian?: boolean,
): TypedArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (code) {
    case 'F64':
      return new Float64Array(nativeCopy(bytes, 8, hostIsLittleEndian));
    case 'F32':
      return new Float32Array(nativeCopy(bytes, 4, hostIsLittleEndian));
    case 'I32':
      return new Int32Array(nativeCopy(bytes, 4, hostIsLittleEndian));
    case 'BOOL':
      return Uint8Array.from(bytes, (b) => (b === 0 ? 0 : 1));
    case 'F16':
    case 'BF16': {
      const widen = code === 'F16' ? halfBitsToFloatBits : bfloat16BitsToFloatBits;
      const out = new Float32Array(count);
      // Writing through integer bits keeps NaN payloads that a float store may canonicalise.
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < count; i++) bits[i] = widen(view.getUint16(2 * i, true));
      return out;
    }
    case 'U8':
      return Int32Array.from(bytes);
    case 'I8':
      return Int32Array.from(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    case 'I16':
      return Int32Array.from({ length: count }, (_, i) => view.getInt16(2 * i, true));
    case 'U16':
      return Int32Array.from({ length: count }, (_, i) => view.getUint16(2 * i, true));
    case 'U32':
      return narrowToInt32(count, onOverflow, (i) => [0, view.getUint32(4 * i, true)]);
    case 'I64':
    case 'U64':
      return narrowToInt32(count, onOverflow, (i) => [
        code === 'I64' ? view.getInt32(8 * i + 4, true) : view.getUint32(8 * i + 4, true),
        view.getUint32(8 * i, true),
      ]);
    default:
      throw new Error(`convertFromSafetensors: no converter for ${code}`);
  }
}

function nativeCopy(bytes: Uint8Array, size: number, hostIsLittleEndian?: boolean): ArrayBuffer {
  const out = new Uint8Array(bytes.length);
  copySwappingToLittleEndian(bytes, out, 0, size, hostIsLittleEndian);
  return out.buffer;
}

/** `words(i)` gives element i as [high 32 bits (signed or not), low 32 bits unsigned]. */
function narrowToInt32(count: number, onOverflow: OverflowHandler, words: (i: number) => [number, number]): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const [high, low] = words(i);
    // An int32 sign-extends: the high word is all zeros (low < 2^31) or all ones (low >= 2^31).
    const fits = low < 0x80000000 ? high === 0 : high === -1;
    if (!fits) onOverflow(i, (BigInt(high) << 32n) + BigInt(low));
    out[i] = low | 0;
  }
  return out;
}
