import { deflateSync } from 'node:zlib';
import { FormatError, ValueError } from '@nnkit/core';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309, the one PNG chunks use) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * Encodes an 8-bit RGBA image as a PNG file (no filtering, zlib-deflated).
 * Small and dependency-free, enough for the 28×28 digit thumbnails.
 *
 * @example
 * const png = encodePng(1, 1, new Uint8Array([255, 0, 0, 255])); // one red pixel
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  for (const [name, v] of [['width', width], ['height', height]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 0x7fffffff) {
      throw new ValueError(`encodePng: ${name} must be a positive integer, got ${v}`);
    }
  }
  if (rgba.length !== width * height * 4) {
    throw new ValueError(
      `encodePng: a ${width}x${height} RGBA image needs ${width * height * 4} bytes, got ${rgba.length}`,
    );
  }
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter method, no interlace
  // Every scanline is prefixed with its filter type; 0 ("None") keeps the encoder trivial.
  const stride = width * 4;
  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const parts = [
    Uint8Array.from(SIGNATURE),
    chunk('IHDR', header),
    chunk('IDAT', new Uint8Array(deflateSync(raw, { level: 9 }))),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `data:` URI of a PNG, for embedding in SVG `<image href>`. */
export function pngDataUri(png: Uint8Array): string {
  return `data:image/png;base64,${Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64')}`;
}

/**
 * Reads the size out of a PNG's IHDR chunk, checking the signature and the chunk's CRC.
 *
 * @example
 * readPngHeader(encodePng(3, 2, new Uint8Array(24))); // { width: 3, height: 2, bitDepth: 8, colorType: 6 }
 */
export function readPngHeader(
  png: Uint8Array,
  file = 'png',
): { width: number; height: number; bitDepth: number; colorType: number } {
  if (png.length < 33 || SIGNATURE.some((b, i) => png[i] !== b)) {
    throw new FormatError(file, 'not a PNG (bad signature or shorter than 33 bytes)');
  }
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const type = String.fromCharCode(...png.subarray(12, 16));
  if (view.getUint32(8) !== 13 || type !== 'IHDR') {
    throw new FormatError(file, `first chunk must be a 13-byte IHDR, got ${type} of ${view.getUint32(8)} bytes`);
  }
  if (crc32(png.subarray(12, 29)) !== view.getUint32(29)) throw new FormatError(file, 'IHDR CRC mismatch');
  return { width: view.getUint32(16), height: view.getUint32(20), bitDepth: png[24], colorType: png[25] };
}
