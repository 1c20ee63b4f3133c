import { FormatError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { idxBytes, uint8Idx } from '../test/make-idx.js';
import { readIdx } from './idx.js';

function be(bytesPer: number, values: number[], write: (v: DataView, off: number, x: number) => void): Uint8Array {
  const out = new Uint8Array(bytesPer * values.length);
  const view = new DataView(out.buffer);
  values.forEach((x, i) => write(view, i * bytesPer, x));
  return out;
}

describe('readIdx decodes', () => {
  it('uint8 as a view over the input, without copying', () => {
    const bytes = uint8Idx([2, 3], [1, 2, 3, 4, 5, 255]);
    const idx = readIdx(bytes, 'x');
    expect(idx.dtype).toBe('uint8');
    expect(idx.shape).toEqual([2, 3]);
    expect(idx.data).toBeInstanceOf(Uint8Array);
    expect([...idx.data]).toEqual([1, 2, 3, 4, 5, 255]);
    expect(idx.data.buffer).toBe(bytes.buffer);
    bytes[bytes.length - 1] = 7;
    expect(idx.data[5]).toBe(7);
  });

  it('int8, int16, int32, float32 and float64 big-endian values', () => {
    expect([...readIdx(idxBytes(0x09, [3], [0xff, 0x80, 0x7f])).data]).toEqual([-1, -128, 127]);
    const i16 = be(2, [-2, 300, 32767], (v, o, x) => v.setInt16(o, x, false));
    expect([...readIdx(idxBytes(0x0b, [3], i16)).data]).toEqual([-2, 300, 32767]);
    const i32 = be(4, [-70000, 1 << 30], (v, o, x) => v.setInt32(o, x, false));
    const int32 = readIdx(idxBytes(0x0c, [1, 2], i32));
    expect(int32.dtype).toBe('int32');
    expect([...int32.data]).toEqual([-70000, 1 << 30]);
    const f32 = be(4, [1.5, -0.25], (v, o, x) => v.setFloat32(o, x, false));
    expect(readIdx(idxBytes(0x0d, [2], f32)).data).toEqual(Float32Array.of(1.5, -0.25));
    const f64 = be(8, [Math.PI, -1e300], (v, o, x) => v.setFloat64(o, x, false));
    expect(readIdx(idxBytes(0x0e, [2], f64)).data).toEqual(Float64Array.of(Math.PI, -1e300));
  });

  it('a view that starts inside a larger buffer', () => {
    const inner = uint8Idx([2], [9, 8]);
    const outer = new Uint8Array(inner.length + 5);
    outer.set(inner, 5);
    expect([...readIdx(outer.subarray(5)).data]).toEqual([9, 8]);
  });

  it('an empty dimension when no data follows', () => {
    expect(readIdx(uint8Idx([0, 28, 28], [])).shape).toEqual([0, 28, 28]);
  });
});

describe('readIdx rejects hostile input with a FormatError naming the file', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['empty input', new Uint8Array(0), /only 0 bytes/],
    ['a 3-byte input', Uint8Array.of(0, 0, 8), /shorter than the 4-byte IDX header/],
    ['a non-zero first magic byte', Uint8Array.of(1, 0, 8, 1, 0, 0, 0, 0), /bad magic number: starts with 0x01 0x00/],
    ['a non-zero second magic byte', Uint8Array.of(0, 2, 8, 1, 0, 0, 0, 0), /bad magic number/],
    ['gzip bytes', Uint8Array.of(0x1f, 0x8b, 8, 0), /gzipped\? use readIdxFile/],
    ['an unknown dtype code', idxBytes(0x0a, [1], [0]), /unknown dtype code 0x0a/],
    ['zero dimensions', idxBytes(0x08, [], []), /0 dimensions/],
    ['too many dimensions', Uint8Array.of(0, 0, 8, 9, ...new Array(36).fill(0)), /9 dimensions, more than the 8 supported/],
    ['a header cut inside the dims', idxBytes(0x08, [1, 1, 1]).subarray(0, 10), /truncated header: 3 dimensions need 16 header bytes, file has 10/],
    ['truncated data', uint8Idx([2, 3], [1, 2, 3, 4, 5, 6]).subarray(0, 4 + 8 + 5), /truncated data: dims \[2,3\] of uint8 need 6 bytes, only 5/],
    ['truncated wide data', idxBytes(0x0c, [2], [0, 0, 0, 1, 0, 0]), /need 8 bytes, only 6/],
    ['trailing bytes', uint8Idx([2], [1, 2, 3]), /1 trailing bytes: dims \[2\]/],
    ['huge dims that would allocate gigabytes', idxBytes(0x0e, [0xffffffff, 0xffffffff], [1, 2, 3]), /overflow/],
    ['dims whose product exceeds the data', idxBytes(0x08, [65536, 65536], [1]), /truncated data: dims \[65536,65536\] of uint8 need 4294967296 bytes, only 1/],
    ['eight maximal dims', idxBytes(0x08, new Array(8).fill(0xffffffff), []), /overflow/],
  ];
  for (const [what, bytes, message] of cases) {
    it(what, () => {
      let error: unknown;
      try {
        readIdx(bytes, 'hostile.idx');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(FormatError);
      expect((error as FormatError).file).toBe('hostile.idx');
      expect((error as Error).message).toMatch(/^hostile\.idx: IDX: /);
      expect((error as Error).message).toMatch(message);
    });
  }

  it('names <buffer> when no file name is given', () => {
    expect(() => readIdx(new Uint8Array(2))).toThrow(/^<buffer>: IDX: only 2 bytes/);
  });
});
