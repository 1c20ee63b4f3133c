import type * as FsPromises from 'node:fs/promises';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';

// Switches that make the real file system fail at one step of writeFileAtomic.
const failAt = vi.hoisted(() => ({ step: '' as '' | 'write' | 'sync' | 'rename' }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const diskFull = (): Error => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      return new Proxy(handle, {
        get(target, property) {
          if (property === 'writeFile' && failAt.step === 'write') {
            // Half the bytes reach the disk, then the write fails.
            return async (bytes: Uint8Array) => {
              await target.write(bytes.subarray(0, bytes.length >> 1));
              throw diskFull();
            };
          }
          if (property === 'sync' && failAt.step === 'sync') return async () => Promise.reject(diskFull());
          const value = Reflect.get(target, property, target) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
    rename: async (...args: Parameters<typeof real.rename>) =>
      failAt.step === 'rename' ? Promise.reject(diskFull()) : real.rename(...args),
  };
});

let folder = '';
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'nnkit-atomic-fail-'));
  failAt.step = '';
});
afterEach(async () => {
  failAt.step = '';
  await rm(folder, { recursive: true, force: true });
});

describe('writeFileAtomic when the disk fails part way', () => {
  it.each(['write', 'sync', 'rename'] as const)(
    'keeps the old target and removes the temp file when %s fails',
    async (step) => {
      const path = join(folder, 'model.safetensors');
      await writeFile(path, 'the old model');
      failAt.step = step;
      await expect(writeFileAtomic(path, new Uint8Array(100_000).fill(7))).rejects.toThrow('ENOSPC');
      expect(await readFile(path, 'utf8')).toBe('the old model');
      expect(await readdir(folder)).toEqual(['model.safetensors']);
    },
  );

  it('creates no target at all when the first write fails', async () => {
    failAt.step = 'write';
    await expect(writeFileAtomic(join(folder, 'new.bin'), new Uint8Array(10))).rejects.toThrow('ENOSPC');
    expect(await readdir(folder)).toEqual([]);
  });

  it('still writes normally with the switches off (the mock is transparent)', async () => {
    const path = join(folder, 'ok.bin');
    await writeFileAtomic(path, Uint8Array.from([4, 5]));
    expect([...(await readFile(path))]).toEqual([4, 5]);
  });
});
