import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FormatError, ValueError } from '@nnkit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { uint8Idx } from '../test/make-idx.js';
import { isGzip, readIdxFile, readIdxFileSync } from './idx-file.js';

const dir = mkdtempSync(join(tmpdir(), 'nnkit-idx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const plain = uint8Idx([2, 2], [1, 2, 3, 4]);

describe('readIdxFile', () => {
  it('reads a plain file, sync and async', async () => {
    const path = file('plain-idx2-ubyte', plain);
    for (const idx of [readIdxFileSync(path), await readIdxFile(path)]) {
      expect(idx.shape).toEqual([2, 2]);
      expect([...idx.data]).toEqual([1, 2, 3, 4]);
    }
  });

  it('gunzips a file that starts with the gzip magic number, whatever its name', async () => {
    const gz = gzipSync(plain);
    expect(isGzip(gz)).toBe(true);
    expect(isGzip(plain)).toBe(false);
    for (const path of [file('a.gz', gz), file('no-extension', gz)]) {
      expect([...readIdxFileSync(path).data]).toEqual([1, 2, 3, 4]);
      expect([...(await readIdxFile(path)).data]).toEqual([1, 2, 3, 4]);
    }
  });

  it('puts the path in format errors of plain and gzipped files', async () => {
    const bad = file('bad', Uint8Array.of(0, 0, 0x42, 1, 0, 0, 0, 1, 0));
    const badGz = file('bad.gz', gzipSync(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 5, 1)));
    expect(() => readIdxFileSync(bad)).toThrow(new RegExp(`^${bad}: IDX: unknown dtype code 0x42`));
    await expect(readIdxFile(bad)).rejects.toThrow(FormatError);
    await expect(readIdxFile(badGz)).rejects.toThrow(new RegExp(`^${badGz}: IDX: truncated data`));
  });

  it('rejects corrupt and truncated gzip data as FormatError with the path', async () => {
    const gz = gzipSync(plain);
    const truncated = file('truncated.gz', gz.subarray(0, gz.length - 6));
    const corrupt = file('corrupt.gz', Uint8Array.of(0x1f, 0x8b, 0xff, 0xff, 0xff, 0xff));
    for (const path of [truncated, corrupt]) {
      expect(() => readIdxFileSync(path)).toThrow(new RegExp(`^${path}: corrupt gzip data`));
      await expect(readIdxFile(path)).rejects.toThrow(new RegExp(`^${path}: corrupt gzip data`));
    }
  });

  it('stops a gzip bomb at maxBytes instead of allocating it', async () => {
    const bomb = file('bomb.gz', gzipSync(new Uint8Array(1 << 20)));
    expect(() => readIdxFileSync(bomb, { maxBytes: 4096 })).toThrow(/expands to more than maxBytes \(4096 bytes\)/);
    await expect(readIdxFile(bomb, { maxBytes: 4096 })).rejects.toThrow(FormatError);
    expect(() => readIdxFileSync(file('big', plain), { maxBytes: 8 })).toThrow(/is 16 bytes, more than maxBytes/);
    expect(() => readIdxFileSync(bomb, { maxBytes: 0 })).toThrow(ValueError);
  });

  it("lets a missing file fail with Node's error, which names the path", async () => {
    const missing = join(dir, 'missing');
    expect(() => readIdxFileSync(missing)).toThrow(/ENOENT.*missing/);
    await expect(readIdxFile(missing)).rejects.toThrow(/ENOENT.*missing/);
  });
});
