import { ValueError } from '@nnkit/core';
import { createCpuBackend } from '@nnkit/backend-cpu';
import { memory } from '@nnkit/tensor';
import { describe, expect, it } from 'vitest';
import { subsetFiles } from '../plugins/mnist-subset.js';
import { splitFromIdx } from './mnist.js';
import { checkOptions, trainMlp, type StepProgress } from './train.js';

const files = subsetFiles({ train: 2000, test: 500 });
const get = (name: string) => files.get(name) as Uint8Array;
const train = splitFromIdx(get('train-images.idx'), get('train-labels.idx'), 'train');
const test = splitFromIdx(get('t10k-images.idx'), get('t10k-labels.idx'), 'test');
const options = { train, test, hidden: 32, epochs: 1, batchSize: 64, lr: 5e-3 };

describe('trainMlp (the page\'s training loop, here in Node on the CPU backend)', () => {
  it('learns: accuracy far above chance, loss falling, every step reported, nothing leaked', async () => {
    const backend = createCpuBackend();
    const before = memory().tensors;
    const steps: StepProgress[] = [];
    const r = await trainMlp({ ...options, backend, onStep: (p) => steps.push(p) });
    expect(r.backend).toBe('cpu');
    expect(r.steps).toBe(Math.ceil(2000 / 64));
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: r.steps }, (_, i) => i + 1));
    expect(steps.every((s) => s.totalSteps === r.steps)).toBe(true);
    expect(steps[0].loss).toBeGreaterThan(1.8);
    const last5 = steps.slice(-5).reduce((a, s) => a + s.loss, 0) / 5;
    expect(last5).toBeLessThan(1.2);
    expect(r.accuracy).toBeGreaterThan(0.75);
    expect(r.predictions).toHaveLength(500);
    expect(memory().tensors).toBe(before);
  });

  it('is deterministic for a seed', async () => {
    const backend = createCpuBackend();
    const a = await trainMlp({ ...options, backend, trainCount: 256, seed: 3 });
    const b = await trainMlp({ ...options, backend, trainCount: 256, seed: 3 });
    expect(b.predictions).toEqual(a.predictions);
  });

  it('stops between steps when aborted, freeing what it made', async () => {
    const backend = createCpuBackend();
    const before = memory().tensors;
    const controller = new AbortController();
    const run = trainMlp({ ...options, backend, signal: controller.signal, onStep: (p) => p.step === 3 && controller.abort() });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(memory().tensors).toBe(before);
  });

  it('rejects options out of range with a ValueError naming them', () => {
    expect(() => checkOptions({ ...options, hidden: 0 })).toThrow(ValueError);
    expect(() => checkOptions({ ...options, hidden: 0 })).toThrow('trainMlp: hidden must be an integer in [1, 4096], got 0');
    expect(() => checkOptions({ ...options, batchSize: 1.5 })).toThrow('batchSize');
    expect(() => checkOptions({ ...options, lr: Number.NaN })).toThrow('trainMlp: lr must be in (0, 10), got NaN');
  });
});
