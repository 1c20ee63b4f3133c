import { FormatError, ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors } from './safetensors-decode.js';

const FILE = 'evil.safetensors';

/** A file from raw header bytes (unpadded) and data bytes, with a truthful length prefix. */
function rawFile(header: Uint8Array, data: number[] = []): Uint8Array {
  const out = new Uint8Array(8 + header.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(header.length), true);
  out.set(header, 8);
  out.set(data, 8 + header.length);
  return out;
}

const file = (header: unknown, data: number[] = []): Uint8Array =>
  rawFile(new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header)), data);

const f32 = (shape: unknown, offsets: unknown): unknown => ({ dtype: 'F32', shape, data_offsets: offsets });

function rejects(bytes: Uint8Array, detail: string): void {
  expect(() => decodeSafetensors(bytes, FILE)).toThrow(new FormatError(FILE, detail));
}

describe('decodeSafetensors rejects hostile input', () => {
  it('rejects fewer than 8 bytes', () => {
    rejects(new Uint8Array(0), 'only 0 bytes; a safetensors file starts with an 8-byte header length');
    rejects(new Uint8Array(7), 'only 7 bytes; a safetensors file starts with an 8-byte header length');
  });

  it('rejects a header length beyond the end of the file', () => {
    const bytes = file({});
    new DataView(bytes.buffer).setBigUint64(0, 3n, true);
    rejects(bytes.subarray(0, 10), 'header length 3 runs past the end of the file (2 bytes follow it)');
  });

  it('rejects an absurd header length without allocating it', () => {
    const huge = new Uint8Array(16);
    new DataView(huge.buffer).setBigUint64(0, 0xffffffffffffffffn, true);
    rejects(huge, 'header length 18446744073709551615 is over the 100000000-byte limit');
    new DataView(huge.buffer).setBigUint64(0, 100_000_001n, true);
    rejects(huge, 'header length 100000001 is over the 100000000-byte limit');
  });

  it('rejects a header that is not UTF-8', () => {
    rejects(rawFile(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])), 'header is not valid UTF-8');
  });

  it('rejects a header that is not JSON', () => {
    expect(() => decodeSafetensors(file('{"t":'), FILE)).toThrow(
      /^evil\.safetensors: header is not valid JSON \(.+\)$/,
    );
    expect(() => decodeSafetensors(file('{} {}'), FILE)).toThrow(FormatError);
  });

  it('rejects a header that is not a JSON object', () => {
    rejects(file('[]'), `header must be a JSON object starting with '{', got "[]"`);
    rejects(file('null'), `header must be a JSON object starting with '{', got "null"`);
    rejects(file('"{}"'), `header must be a JSON object starting with '{', got "\\"{}\\""`);
    rejects(file(''), `header must be a JSON object starting with '{', got ""`);
    rejects(file(' {}'), `header must be a JSON object starting with '{', got " {}"`);
    rejects(
      rawFile(Uint8Array.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])),
      `header must be a JSON object starting with '{', got "\uFEFF{}"`,
    );
  });

  it('rejects a tensor entry that is not an object', () => {
    rejects(file({ w: 5 }), "tensor 'w': entry must be an object with dtype, shape and data_offsets, got 5");
    rejects(
      file({ w: ['F32'] }),
      `tensor 'w': entry must be an object with dtype, shape and data_offsets, got ["F32"]`,
    );
  });

  it('rejects an entry missing dtype, shape or data_offsets', () => {
    rejects(file({ w: { shape: [], data_offsets: [0, 4] } }, [0, 0, 0, 0]), "tensor 'w': missing dtype");
    rejects(file({ w: { dtype: 'F32', data_offsets: [0, 4] } }, [0, 0, 0, 0]), "tensor 'w': missing shape");
    rejects(file({ w: { dtype: 'F32', shape: [] } }, [0, 0, 0, 0]), "tensor 'w': missing data_offsets");
  });

  it('rejects fields of the wrong type', () => {
    rejects(file({ w: { dtype: 32, shape: [], data_offsets: [0, 4] } }), "tensor 'w': dtype must be a string, got 32");
    rejects(file({ w: f32('2', [0, 8]) }), `tensor 'w': shape must be an array of non-negative integers, got "2"`);
    rejects(file({ w: f32(['2'], [0, 8]) }), `tensor 'w': shape must be an array of non-negative integers, got ["2"]`);
    rejects(
      file({ w: f32([1], [0, 4, 8]) }),
      "tensor 'w': data_offsets must be [begin, end], two non-negative integers, got [0,4,8]",
    );
    rejects(
      file({ w: f32([1], { begin: 0 }) }),
      `tensor 'w': data_offsets must be [begin, end], two non-negative integers, got {"begin":0}`,
    );
    rejects(
      file({ w: f32([1], [0.5, 4]) }),
      "tensor 'w': data_offsets must be [begin, end], two non-negative integers, got [0.5,4]",
    );
    rejects(
      file({ w: f32([1], [-4, 0]) }),
      "tensor 'w': data_offsets must be [begin, end], two non-negative integers, got [-4,0]",
    );
  });

  it('rejects negative and non-integer dimensions', () => {
    rejects(
      file({ w: f32([2, -1], [0, 8]) }),
      "tensor 'w': shape must be an array of non-negative integers, got [2,-1]",
    );
    rejects(file({ w: f32([1.5], [0, 6]) }), "tensor 'w': shape must be an array of non-negative integers, got [1.5]");
    rejects(
      file({ w: f32([2 ** 60], [0, 8]) }),
      "tensor 'w': shape must be an array of non-negative integers, got [1152921504606847000]",
    );
  });

  it('rejects a shape with more elements than can be addressed', () => {
    rejects(
      file({ w: f32([2 ** 30, 2 ** 30], [0, 4]) }, [0, 0, 0, 0]),
      "tensor 'w': shape [1073741824,1073741824] has too many elements",
    );
  });

  it('rejects unknown and unsupported dtypes', () => {
    const supported = 'F64, F32, F16, BF16, I64, U64, I32, U32, I16, U16, I8, U8, BOOL';
    rejects(
      file({ w: { dtype: 'F8_E4M3', shape: [1], data_offsets: [0, 1] } }, [0]),
      `tensor 'w': dtype "F8_E4M3" is not supported (nnkit reads ${supported})`,
    );
    rejects(
      file({ w: { dtype: 'float32', shape: [1], data_offsets: [0, 4] } }, [0, 0, 0, 0]),
      `tensor 'w': dtype "float32" is not supported (nnkit reads ${supported})`,
    );
    rejects(
      file({ w: { dtype: 'toString', shape: [], data_offsets: [0, 0] } }),
      `tensor 'w': dtype "toString" is not supported (nnkit reads ${supported})`,
    );
  });

  it('rejects data_offsets past the end of the data buffer', () => {
    rejects(
      file({ w: f32([2], [0, 8]) }, [0, 0, 0, 0]),
      "tensor 'w': data_offsets [0, 8] run past the end of the data buffer (4 bytes)",
    );
  });

  it('rejects data_offsets whose end is before their begin', () => {
    rejects(
      file({ w: f32([1], [8, 4]) }, new Array(8).fill(0)),
      "tensor 'w': data_offsets [8, 4] end before they begin",
    );
  });

  it('rejects a byte length that does not match the shape and dtype', () => {
    rejects(
      file({ w: f32([2, 3], [0, 12]) }, new Array(12).fill(0)),
      "tensor 'w': data_offsets [0, 12] hold 12 bytes but shape [2,3] of F32 needs 24",
    );
  });

  it('rejects overlapping tensors', () => {
    const header = { a: f32([2], [0, 8]), b: f32([2], [4, 12]) };
    rejects(file(header, new Array(12).fill(0)), "tensor 'b' (bytes 4..12) overlaps tensor 'a' (bytes 0..8)");
    const same = { a: f32([1], [0, 4]), b: f32([1], [0, 4]) };
    rejects(file(same, new Array(4).fill(0)), "tensor 'b' (bytes 0..4) overlaps tensor 'a' (bytes 0..4)");
  });

  it('rejects gaps between tensors and before the first one', () => {
    const between = { a: f32([1], [0, 4]), b: f32([1], [8, 12]) };
    rejects(file(between, new Array(12).fill(0)), "data bytes 4..8 belong to no tensor (a gap before tensor 'b')");
    rejects(
      file({ a: f32([1], [4, 8]) }, new Array(8).fill(0)),
      "data bytes 0..4 belong to no tensor (a gap before tensor 'a')",
    );
  });

  it('rejects bytes after the last tensor', () => {
    rejects(
      file({ a: f32([1], [0, 4]) }, new Array(7).fill(0)),
      'the last 3 bytes of the data buffer belong to no tensor',
    );
    rejects(file({}, [0]), 'the last 1 bytes of the data buffer belong to no tensor');
  });

  it('rejects __metadata__ that is not an object of strings', () => {
    rejects(file({ __metadata__: { epoch: 3 } }), "__metadata__ entry 'epoch' must be a string, got 3");
    rejects(
      file({ __metadata__: { nested: { a: 'b' } } }),
      `__metadata__ entry 'nested' must be a string, got {"a":"b"}`,
    );
    rejects(file({ __metadata__: ['pt'] }), `__metadata__ must be an object of strings, got ["pt"]`);
    rejects(file({ __metadata__: 'pt' }), `__metadata__ must be an object of strings, got "pt"`);
  });

  it('rejects duplicate keys', () => {
    const entry = '{"dtype":"F32","shape":[1],"data_offsets":[0,4]}';
    rejects(file(`{"w":${entry},"w":${entry}}`, [0, 0, 0, 0]), "tensor 'w' appears twice in the header");
    rejects(file('{"__metadata__":{},"__metadata__":{}}'), '__metadata__ appears twice in the header');
    rejects(
      file(`{"w":{"dtype":"F64","dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, [0, 0, 0, 0]),
      "key 'dtype' appears twice in tensor 'w'",
    );
    rejects(file('{"__metadata__":{"a":"1","a":"2"}}'), "key 'a' appears twice in __metadata__");
  });

  it('rejects input that is not bytes at all', () => {
    expect(() => decodeSafetensors('{}' as unknown as Uint8Array, FILE)).toThrow(
      new ValueError('decodeSafetensors: expected a Uint8Array for evil.safetensors'),
    );
  });

  it('names the buffer when no file name is given', () => {
    expect(() => decodeSafetensors(new Uint8Array(3))).toThrow(/^<buffer>: only 3 bytes/);
  });
});
