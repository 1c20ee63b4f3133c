import { FormatError } from '@nnkit/core';
import type { DType } from '@nnkit/core';
import { findDuplicateKey } from './json-duplicate-keys.js';
import { READABLE_DTYPES, readableDType } from './safetensors-dtypes.js';

/** The reference reader refuses headers past 100 MB; so do we, before allocating anything. */
export const MAX_HEADER_BYTES = 100_000_000;

/** One tensor's header entry, checked on its own (not yet against its neighbours). */
export interface HeaderEntry {
  name: string;
  code: string;
  /** The nnkit dtype the code loads as. */
  dtype: DType;
  shape: number[];
  count: number;
  begin: number;
  end: number;
}

/** The parsed header and where the data buffer starts. */
export interface ParsedHeader {
  entries: HeaderEntry[];
  metadata: Record<string, string>;
  dataStart: number;
}

/**
 * Reads and checks the length prefix and JSON header of a safetensors byte buffer. Each
 * entry is checked for types, dtype, shape and offsets within `bytes`; throws
 * `FormatError(file, …)` naming the first thing wrong.
 */
export function parseSafetensorsHeader(bytes: Uint8Array, file: string): ParsedHeader {
  const fail = (detail: string): never => {
    throw new FormatError(file, detail);
  };
  if (bytes.length < 8) {
    fail(`only ${bytes.length} bytes; a safetensors file starts with an 8-byte header length`);
  }
  const declared = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(MAX_HEADER_BYTES)) {
    fail(`header length ${declared} is over the ${MAX_HEADER_BYTES}-byte limit`);
  }
  const headerLength = Number(declared);
  if (8 + headerLength > bytes.length) {
    fail(`header length ${headerLength} runs past the end of the file (${bytes.length - 8} bytes follow it)`);
  }
  let text = '';
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(8, 8 + headerLength));
  } catch {
    fail('header is not valid UTF-8');
  }
  if (!text.startsWith('{')) {
    fail(`header must be a JSON object starting with '{', got ${JSON.stringify(text.slice(0, 20))}`);
  }
  let header: Record<string, unknown> = {};
  try {
    header = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    fail(`header is not valid JSON (${(error as Error).message})`);
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate !== undefined) {
    const { key, parent } = duplicate;
    if (parent === undefined) {
      fail(`${key === '__metadata__' ? '__metadata__' : `tensor '${key}'`} appears twice in the header`);
    }
    fail(`key '${key}' appears twice in ${parent === '__metadata__' ? '__metadata__' : `tensor '${parent}'`}`);
  }

  const dataLength = bytes.length - 8 - headerLength;
  const entries: HeaderEntry[] = [];
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') metadata = checkMetadata(value, fail);
    else entries.push(checkEntry(name, value, dataLength, fail));
  }
  return { entries, metadata, dataStart: 8 + headerLength };
}

function checkMetadata(value: unknown, fail: (detail: string) => never): Record<string, string> {
  if (value === null) return {};
  if (!isObject(value)) return fail(`__metadata__ must be an object of strings, got ${show(value)}`);
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') fail(`__metadata__ entry '${key}' must be a string, got ${show(item)}`);
  }
  return Object.fromEntries(Object.entries(value)) as Record<string, string>;
}

function checkEntry(name: string, value: unknown, dataLength: number, fail: (detail: string) => never): HeaderEntry {
  const where = `tensor '${name}'`;
  if (!isObject(value)) {
    return fail(`${where}: entry must be an object with dtype, shape and data_offsets, got ${show(value)}`);
  }
  for (const field of ['dtype', 'shape', 'data_offsets']) {
    if (!Object.hasOwn(value, field)) fail(`${where}: missing ${field}`);
  }
  const { dtype: code, shape, data_offsets: offsets } = value;
  if (typeof code !== 'string') return fail(`${where}: dtype must be a string, got ${show(code)}`);
  const info = readableDType(code);
  if (info === undefined) {
    return fail(
      `${where}: dtype ${show(code)} is not supported (nnkit reads ${Object.keys(READABLE_DTYPES).join(', ')})`,
    );
  }
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    return fail(`${where}: shape must be an array of non-negative integers, got ${show(shape)}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    return fail(`${where}: data_offsets must be [begin, end], two non-negative integers, got ${show(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) fail(`${where}: data_offsets [${begin}, ${end}] end before they begin`);
  if (end > dataLength) {
    fail(`${where}: data_offsets [${begin}, ${end}] run past the end of the data buffer (${dataLength} bytes)`);
  }
  const count = shape.includes(0) ? 0 : (shape as number[]).reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(count * info.size)) fail(`${where}: shape ${show(shape)} has too many elements`);
  if (end - begin !== count * info.size) {
    fail(
      `${where}: data_offsets [${begin}, ${end}] hold ${end - begin} bytes but shape ${show(shape)} of ${code} needs ${count * info.size}`,
    );
  }
  return { name, code, dtype: info.loadsAs, shape: shape as number[], count, begin, end };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function show(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
