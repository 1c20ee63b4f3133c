import { DTypeError, ShapeError, ValueError, isDType } from '@nnkit/core';
import type { DType } from '@nnkit/core';
import { bytesOf, copySwappingToLittleEndian } from './byte-order.js';
import type { RawTensor } from './raw-tensor.js';
import { WRITE_CODE, WRITE_RANK } from './safetensors-dtypes.js';

const ARRAY_TYPES = { float64: Float64Array, float32: Float32Array, int32: Int32Array, bool: Uint8Array };
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Encodes tensors (and optional string metadata) as a safetensors file, byte for byte as
 * the huggingface/safetensors writer lays it out: an 8-byte little-endian header length,
 * the JSON header padded with spaces to a multiple of 8, then the little-endian data with
 * tensors ordered by dtype (F64, F32, I32, BOOL) and then by name.
 *
 * @example
 * const bytes = encodeSafetensors(
 *   { 'fc1.bias': { dtype: 'float32', shape: [2], data: new Float32Array([0.5, -1]) } },
 *   { format: 'pt' },
 * );
 */
export function encodeSafetensors(tensors: Record<string, RawTensor>, metadata?: Record<string, string>): Uint8Array {
  const entries = Object.entries(tensors);
  entries.forEach(([name, tensor]) => checkTensor(name, tensor));
  entries.sort(
    ([nameA, a], [nameB, b]) => WRITE_RANK[b.dtype] - WRITE_RANK[a.dtype] || compareCodePoints(nameA, nameB),
  );

  const parts: string[] = [];
  if (metadata !== undefined) parts.push(`"__metadata__":${metadataJson(metadata)}`);
  let offset = 0;
  for (const [name, { dtype, shape, data }] of entries) {
    const info = { dtype: WRITE_CODE[dtype], shape, data_offsets: [offset, offset + data.byteLength] };
    parts.push(`${JSON.stringify(name)}:${JSON.stringify(info)}`);
    offset += data.byteLength;
  }
  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const headerLength = Math.ceil(json.length / 8) * 8;

  const out = new Uint8Array(8 + headerLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const [, { dtype, data }] of entries) {
    if (dtype === 'bool') out.set(Uint8Array.from(data, (v) => (v === 0 ? 0 : 1)), at);
    else copySwappingToLittleEndian(bytesOf(data), out, at, data.BYTES_PER_ELEMENT);
    at += data.byteLength;
  }
  return out;
}

function checkTensor(name: string, tensor: RawTensor): void {
  const where = `encodeSafetensors: tensor '${name}'`;
  if (name === '__metadata__') throw new ValueError(`${where}: the name is reserved for the metadata`);
  if (LONE_SURROGATE.test(name)) throw new ValueError(`${where}: the name is not valid Unicode (lone surrogate)`);
  if (typeof tensor !== 'object' || tensor === null) {
    throw new ValueError(`${where}: expected { dtype, shape, data }, got ${describe(tensor)}`);
  }
  const { dtype, shape, data } = tensor;
  if (!isDType(dtype)) throw new DTypeError(`${where}: unknown dtype ${String(dtype)}`);
  if (!(data instanceof ARRAY_TYPES[dtype as DType])) {
    throw new DTypeError(`${where}: dtype ${dtype} needs a ${ARRAY_TYPES[dtype].name}, got ${describe(data)}`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new ShapeError(`${where}: shape must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new ShapeError(`${where}: shape [${shape.join(',')}] holds ${count} elements but data has ${data.length}`);
  }
}

function metadataJson(metadata: Record<string, string>): string {
  const parts = Object.entries(metadata).map(([key, value]) => {
    if (typeof value !== 'string') {
      throw new ValueError(`encodeSafetensors: metadata '${key}' must be a string, got ${typeof value}`);
    }
    if (LONE_SURROGATE.test(key) || LONE_SURROGATE.test(value)) {
      throw new ValueError(`encodeSafetensors: metadata '${key}' is not valid Unicode (lone surrogate)`);
    }
    return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  });
  return `{${parts.join(',')}}`;
}

/** Orders strings by code point, which is the byte order of their UTF-8 (Rust's `str` order). */
function compareCodePoints(a: string, b: string): number {
  const ca = Array.from(a, (c) => c.codePointAt(0) as number);
  const cb = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(ca.length, cb.length); i++) if (ca[i] !== cb[i]) return ca[i] - cb[i];
  return ca.length - cb.length;
}

function describe(value: unknown): string {
  return value === null || typeof value !== 'object' ? String(value) : value.constructor.name;
}
