import { FormatError } from '@nnkit/core';
import { manualSeed, tensor } from '@nnkit/tensor';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Linear } from './layers/linear.js';
import { ReLU } from './layers/activations.js';
import { BatchNorm1d } from './layers/normalization.js';
import { Sequential } from './layers/sequential.js';
import { deserializeSafetensors, loadSafetensors, saveSafetensors, serializeSafetensors } from './safetensors.js';

const model = () =>
  new Sequential(new Linear({ inFeatures: 6, outFeatures: 4 }), new BatchNorm1d({ numFeatures: 4 }), new ReLU(), new Linear({ inFeatures: 4, outFeatures: 2 }));

describe('safetensors state dicts', () => {
  it('round-trips a model bit-exactly, in memory and through a file', async () => {
    manualSeed(1);
    const a = model();
    a.call(tensor(new Float32Array(12).map((_, i) => Math.sin(i)), { shape: [2, 6] }));
    const bytes = await serializeSafetensors(a.stateDict(), { format: 'pt' });
    const { tensors, metadata } = deserializeSafetensors(bytes);
    expect(metadata).toEqual({ format: 'pt' });
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(a.stateDict()).sort());
    manualSeed(2);
    const b = model();
    b.loadStateDict(tensors);
    for (const [k, t] of Object.entries(a.stateDict())) expect(b.stateDict()[k].dataSync()).toEqual(t.dataSync());

    const dir = mkdtempSync(join(tmpdir(), 'nnkit-st-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'model.safetensors');
    await saveSafetensors(path, a.stateDict());
    const loaded = await loadSafetensors(path);
    for (const [k, t] of Object.entries(a.stateDict())) {
      expect(new Uint8Array(loaded.tensors[k].dataSync().buffer)).toEqual(new Uint8Array(t.dataSync().buffer));
    }
    expect(readdirSync(dir)).toEqual(['model.safetensors']);
  });

  it('names the file when it is malformed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnkit-st-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'bad.safetensors');
    writeFileSync(path, new Uint8Array([1, 2, 3]));
    await expect(loadSafetensors(path)).rejects.toThrow(FormatError);
    await expect(loadSafetensors(path)).rejects.toThrow(path);
  });
});
