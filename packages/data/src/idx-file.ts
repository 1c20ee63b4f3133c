import { constants as bufferConstants } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { gunzip, gunzipSync } from 'node:zlib';
import { FormatError, ValueError } from '@nnkit/core';
import { readIdx, type Idx } from './idx.js';

/** Options for `readIdxFile` / `readIdxFileSync`. */
export interface ReadIdxFileOptions {
  /**
   * The most bytes the file may hold once gunzipped (default 1 GiB). Caps what a small
   * hostile `.gz` can make us allocate; raise it for larger files.
   */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 2 ** 30;

/** True when `bytes` start with the gzip magic number 0x1f 0x8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Reads an IDX file from disk, gunzipping it first when it starts with the gzip magic number
 * (whatever its name), so `train-images-idx3-ubyte` and `train-images-idx3-ubyte.gz` both work.
 *
 * Errors from the file system (a missing file, a permission) are Node's own and name the path;
 * everything wrong with the contents is a `FormatError` whose message starts with `path`.
 *
 * @example
 * const { shape, data } = await readIdxFile('data/t10k-labels-idx1-ubyte.gz'); // [10000], Uint8Array
 */
export async function readIdxFile(path: string, options: ReadIdxFileOptions = {}): Promise<Idx> {
  const maxBytes = checkMaxBytes(options.maxBytes);
  checkSize(path, (await stat(path)).size, maxBytes);
  const raw = await readFile(path);
  const bytes = isGzip(raw) ? await gunzipAsync(path, raw, maxBytes) : raw;
  return readIdx(bytes, path);
}

/** The synchronous twin of `readIdxFile`, for constructors that must return at once. */
export function readIdxFileSync(path: string, options: ReadIdxFileOptions = {}): Idx {
  const maxBytes = checkMaxBytes(options.maxBytes);
  checkSize(path, statSync(path).size, maxBytes);
  const raw = readFileSync(path);
  if (!isGzip(raw)) return readIdx(raw, path);
  let bytes: Uint8Array;
  try {
    bytes = gunzipSync(raw, { maxOutputLength: maxBytes });
  } catch (error) {
    throw gzipError(path, error, maxBytes);
  }
  return readIdx(bytes, path);
}

function gunzipAsync(path: string, raw: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    gunzip(raw, { maxOutputLength: maxBytes }, (error, out) => {
      if (error) reject(gzipError(path, error, maxBytes));
      else resolve(out);
    });
  });
}

function gzipError(path: string, error: unknown, maxBytes: number): FormatError {
  const code = (error as { code?: string }).code;
  if (code === 'ERR_BUFFER_TOO_LARGE') {
    return new FormatError(path, `gzip data expands to more than maxBytes (${maxBytes} bytes)`, { cause: error });
  }
  const why = error instanceof Error ? error.message : String(error);
  return new FormatError(path, `corrupt gzip data (${why})`, { cause: error });
}

function checkSize(path: string, size: number, maxBytes: number): void {
  if (size > maxBytes) throw new FormatError(path, `file is ${size} bytes, more than maxBytes (${maxBytes} bytes)`);
}

function checkMaxBytes(maxBytes = DEFAULT_MAX_BYTES): number {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new ValueError(`readIdxFile: maxBytes must be a positive integer, got ${maxBytes}`);
  }
  // zlib rejects a maxOutputLength above what one Buffer can hold.
  return Math.min(maxBytes, bufferConstants.MAX_LENGTH);
}
