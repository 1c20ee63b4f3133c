import { FormatError, formatShape } from '@nnkit/core';

/** The element types an IDX file can hold. */
export type IdxDType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** The typed array each IDX dtype is returned as. */
export type IdxArray = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

/** A decoded IDX file: dtype, dims (outermost first) and the values in row-major order. */
export interface Idx {
  readonly dtype: IdxDType;
  readonly shape: number[];
  readonly data: IdxArray;
}

interface Kind {
  readonly dtype: IdxDType;
  readonly bytes: number;
}

const KINDS: Readonly<Record<number, Kind>> = {
  0x08: { dtype: 'uint8', bytes: 1 },
  0x09: { dtype: 'int8', bytes: 1 },
  0x0b: { dtype: 'int16', bytes: 2 },
  0x0c: { dtype: 'int32', bytes: 4 },
  0x0d: { dtype: 'float32', bytes: 4 },
  0x0e: { dtype: 'float64', bytes: 8 },
};

/** More dims than any real IDX file has; a larger count is taken as a corrupt header. */
export const IDX_MAX_DIMS = 8;

/**
 * Decodes an IDX file (the format MNIST ships in) from its bytes.
 *
 * Layout: two zero bytes, a dtype code, the number of dims, one big-endian uint32 per dim,
 * then the values, big-endian. Every check happens before anything is allocated, so a
 * hostile header cannot make it allocate more than the input's size. `uint8` and `int8`
 * data come back as views over `bytes` (no copy); wider types are decoded into a new array.
 *
 * @param file names the source in error messages.
 * @throws FormatError naming `file` for any malformed input.
 * @example
 * const { shape, data } = readIdx(bytes, 'train-labels-idx1-ubyte'); // shape [60000], data Uint8Array
 */
export function readIdx(bytes: Uint8Array, file = '<buffer>'): Idx {
  const fail = (detail: string): FormatError => new FormatError(file, `IDX: ${detail}`);
  if (bytes.length < 4) throw fail(`only ${bytes.length} bytes, shorter than the 4-byte IDX header`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw fail(`bad magic number: starts with 0x${hex(bytes[0])} 0x${hex(bytes[1])}, expected 0x00 0x00 (gzipped? use readIdxFile)`);
  }
  const kind = KINDS[bytes[2]];
  if (kind === undefined) throw fail(`unknown dtype code 0x${hex(bytes[2])} (known: 0x08 0x09 0x0b 0x0c 0x0d 0x0e)`);
  const ndims = bytes[3];
  if (ndims === 0) throw fail('header declares 0 dimensions');
  if (ndims > IDX_MAX_DIMS) throw fail(`header declares ${ndims} dimensions, more than the ${IDX_MAX_DIMS} supported`);
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw fail(`truncated header: ${ndims} dimensions need ${headerBytes} header bytes, file has ${bytes.length}`);
  }

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  let count = 1;
  for (let i = 0; i < ndims; i++) {
    const dim = view.getUint32(4 + 4 * i, false);
    shape.push(dim);
    count *= dim;
  }
  const available = bytes.length - headerBytes;
  const needed = count * kind.bytes;
  if (!Number.isSafeInteger(needed)) {
    throw fail(`dims ${formatShape(shape)} overflow: ${count} elements of ${kind.dtype} cannot be addressed`);
  }
  if (needed > available) {
    throw fail(`truncated data: dims ${formatShape(shape)} of ${kind.dtype} need ${needed} bytes, only ${available} follow the header`);
  }
  if (needed < available) {
    throw fail(`${available - needed} trailing bytes: dims ${formatShape(shape)} of ${kind.dtype} need ${needed} bytes, ${available} follow the header`);
  }
  return { dtype: kind.dtype, shape, data: decode(kind.dtype, bytes, headerBytes, count, view) };
}

function decode(dtype: IdxDType, bytes: Uint8Array, offset: number, count: number, view: DataView): IdxArray {
  const start = bytes.byteOffset + offset;
  switch (dtype) {
    case 'uint8':
      return new Uint8Array(bytes.buffer, start, count);
    case 'int8':
      return new Int8Array(bytes.buffer, start, count);
    case 'int16': {
      const out = new Int16Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(offset + 2 * i, false);
      return out;
    }
    case 'int32': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt32(offset + 4 * i, false);
      return out;
    }
    case 'float32': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(offset + 4 * i, false);
      return out;
    }
    case 'float64': {
      const out = new Float64Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(offset + 8 * i, false);
      return out;
    }
  }
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
