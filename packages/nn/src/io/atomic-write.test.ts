import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';

let folder = '';
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'nnkit-atomic-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates a new file with exactly the bytes and leaves nothing else', async () => {
    const path = join(folder, 'model.safetensors');
    await writeFileAtomic(path, Uint8Array.from([1, 2, 3]));
    expect([...(await readFile(path))]).toEqual([1, 2, 3]);
    expect(await readdir(folder)).toEqual(['model.safetensors']);
  });

  it('replaces an existing file and keeps its permission bits', async () => {
    const path = join(folder, 'weights.bin');
    await writeFile(path, 'old contents that are longer');
    await chmod(path, 0o640);
    await writeFileAtomic(path, new TextEncoder().encode('new'));
    expect(await readFile(path, 'utf8')).toBe('new');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(await readdir(folder)).toEqual(['weights.bin']);
  });

  it('writes through a symlink instead of replacing the link', async () => {
    const real = join(folder, 'real.bin');
    const link = join(folder, 'link.bin');
    await writeFile(real, 'old');
    await symlink(real, link);
    await writeFileAtomic(link, new TextEncoder().encode('new'));
    expect(await readFile(real, 'utf8')).toBe('new');
    expect((await readdir(folder)).sort()).toEqual(['link.bin', 'real.bin']);
  });

  it('leaves the target intact and no temp file when the rename fails', async () => {
    // A non-empty folder at the target path makes the final rename fail (EISDIR).
    const path = join(folder, 'occupied');
    await mkdir(path);
    await writeFile(join(path, 'keep.txt'), 'keep');
    await expect(writeFileAtomic(path, Uint8Array.from([9]))).rejects.toMatchObject({ code: 'EISDIR' });
    expect(await readFile(join(path, 'keep.txt'), 'utf8')).toBe('keep');
    expect(await readdir(folder)).toEqual(['occupied']);
  });

  it('fails cleanly when the folder does not exist or is a file', async () => {
    await expect(writeFileAtomic(join(folder, 'missing', 'x.bin'), new Uint8Array(1))).rejects.toMatchObject({
      code: 'ENOENT',
    });
    await writeFile(join(folder, 'plain'), 'file');
    await expect(writeFileAtomic(join(folder, 'plain', 'x.bin'), new Uint8Array(1))).rejects.toMatchObject({
      code: 'ENOTDIR',
    });
    expect(await readdir(folder)).toEqual(['plain']);
    expect(await readFile(join(folder, 'plain'), 'utf8')).toBe('file');
  });

  it('lets concurrent writers finish with one whole file and no leftovers', async () => {
    const path = join(folder, 'race.bin');
    const payloads = Array.from({ length: 8 }, (_, i) => new Uint8Array(50_000).fill(i));
    await Promise.all(payloads.map((bytes) => writeFileAtomic(path, bytes)));
    const result = await readFile(path);
    expect(result.length).toBe(50_000);
    expect(result.every((b) => b === result[0])).toBe(true);
    expect(await readdir(folder)).toEqual(['race.bin']);
  });
});

describe('writeFileAtomic beforeRename hook', () => {
  it('runs with the complete temp file before the target is replaced', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const target = join(folder, 'f.bin');
    writeFileSync(target, 'old');
    let seen = '';
    await writeFileAtomic(target, new TextEncoder().encode('new'), {
      beforeRename: (temp) => {
        seen = readFileSync(temp, 'utf8') + '|' + readFileSync(target, 'utf8');
      },
    });
    expect(seen).toBe('new|old');
    expect(readFileSync(target, 'utf8')).toBe('new');
  });
});
