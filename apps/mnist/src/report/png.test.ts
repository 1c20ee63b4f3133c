import { inflateSync } from 'node:zlib';
import { FormatError, ValueError } from '@nnkit/core';
import { describe, expect, it } from 'vitest';
import { crc32, encodePng, pngDataUri, readPngHeader } from './png.js';

/** Minimal decoder for what encodePng writes: walks chunks, checks CRCs, un-filters type-0 rows. */
function decode(png: Uint8Array): { width: number; height: number; rgba: Uint8Array; chunks: string[] } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: string[] = [];
  const idat: Uint8Array[] = [];
  let width = 0;
  let height = 0;
  for (let at = 8; at < png.length; ) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + len);
    expect(view.getUint32(at + 8 + len)).toBe(crc32(png.subarray(at + 4, at + 8 + len)));
    chunks.push(type);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = new Uint8Array(inflateSync(Buffer.concat(idat)));
  const stride = width * 4;
  expect(raw.length).toBe((stride + 1) * height);
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (stride + 1)]).toBe(0);
    rgba.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return { width, height, rgba, chunks };
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('encodePng', () => {
  it('round-trips pixels through its own decoder', () => {
    const width = 5;
    const height = 3;
    const rgba = new Uint8Array(width * height * 4).map((_, i) => (i * 37 + 11) & 0xff);
    const png = encodePng(width, height, rgba);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const out = decode(png);
    expect(out.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([out.width, out.height]).toEqual([width, height]);
    expect([...out.rgba]).toEqual([...rgba]);
  });

  it('encodes a 28x28 digit compactly', () => {
    const rgba = new Uint8Array(28 * 28 * 4).fill(255);
    const png = encodePng(28, 28, rgba);
    expect(png.length).toBeLessThan(200);
    expect(readPngHeader(png)).toEqual({ width: 28, height: 28, bitDepth: 8, colorType: 6 });
  });

  it('rejects bad sizes and buffer lengths', () => {
    expect(() => encodePng(0, 1, new Uint8Array(0))).toThrow(ValueError);
    expect(() => encodePng(1.5, 1, new Uint8Array(6))).toThrow(/width must be a positive integer/);
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/needs 16 bytes, got 15/);
  });
});

describe('readPngHeader', () => {
  it('rejects non-PNG bytes and corrupted headers', () => {
    expect(() => readPngHeader(new Uint8Array(40), 'x.png')).toThrow(FormatError);
    const png = encodePng(2, 2, new Uint8Array(16));
    png[17] ^= 1;
    expect(() => readPngHeader(png)).toThrow(/IHDR CRC mismatch/);
  });
});

describe('pngDataUri', () => {
  it('base64-encodes the bytes, honouring subarray offsets', () => {
    const bytes = new Uint8Array([0, 1, 2, 3]).subarray(1);
    expect(pngDataUri(bytes)).toBe(`data:image/png;base64,${Buffer.from([1, 2, 3]).toString('base64')}`);
  });
});
