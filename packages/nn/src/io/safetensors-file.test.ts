import { FormatError } from '@nnkit/core';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeSafetensors } from './safetensors-encode.js';
import { loadSafetensorsFile, saveSafetensorsFile } from './safetensors-file.js';

let folder = '';
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'nnkit-st-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('saveSafetensorsFile / loadSafetensorsFile', () => {
  it('saves the encoded bytes and loads them back', async () => {
    const path = join(folder, 'model.safetensors');
    const tensors = {
      'fc1.weight': { dtype: 'float32' as const, shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) },
    };
    await saveSafetensorsFile(path, tensors, { format: 'pt' });
    expect(new Uint8Array(await readFile(path))).toEqual(encodeSafetensors(tensors, { format: 'pt' }));
    const loaded = await loadSafetensorsFile(path);
    expect(loaded.metadata).toEqual({ format: 'pt' });
    expect(loaded.tensors['fc1.weight']).toEqual(tensors['fc1.weight']);
  });

  it('names the path when the file is malformed', async () => {
    const path = join(folder, 'broken.safetensors');
    await writeFile(path, Uint8Array.from([1, 2, 3]));
    await expect(loadSafetensorsFile(path)).rejects.toThrow(
      new FormatError(path, 'only 3 bytes; a safetensors file starts with an 8-byte header length'),
    );
  });

  it('names the path when the file is missing', async () => {
    const path = join(folder, 'absent.safetensors');
    await expect(loadSafetensorsFile(path)).rejects.toThrow(path);
  });

  it('does not touch an existing file when encoding fails', async () => {
    const path = join(folder, 'model.safetensors');
    await writeFile(path, 'previous');
    const bad = { w: { dtype: 'float32' as const, shape: [3], data: new Float32Array(2) } };
    await expect(saveSafetensorsFile(path, bad)).rejects.toThrow(/holds 3 elements but data has 2/);
    expect(await readFile(path, 'utf8')).toBe('previous');
    expect(await readdir(folder)).toEqual(['model.safetensors']);
  });
});
