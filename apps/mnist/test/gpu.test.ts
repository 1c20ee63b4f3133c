import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli, tmp, type CliResult } from './run-cli.js';

// --backend gpu takes @nnkit/backend-gpu in 'auto' mode. In Node without headless GL that is
// gpu.js's CPU fallback (JavaScript kernels, several times slower than the CPU backend), so the
// run is small: 1,000 images, one hidden layer of 64, batch 32 (32 steps). The GPU backend's
// random numbers differ from the CPU backend's, so the two runs start from different weights:
// their accuracies agree within noise, not exactly.
const args = ['train', '--limit', '1000', '--epochs', '1', '--batch-size', '32', '--hidden', '64', '--json'];

function finalEpoch(result: CliResult): Record<string, unknown> {
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.code).toBe(0);
  const epoch = jsonLines(result.stdout).find((l) => l.type === 'epoch');
  expect(epoch, 'an epoch line').toBeDefined();
  return epoch!;
}

describe('--backend gpu', () => {
  let gpu: CliResult;
  let cpu: CliResult;
  let gpuDir: string;
  beforeAll(async () => {
    gpuDir = join(tmp(), 'gpu');
    [gpu, cpu] = await Promise.all([runCli([...args, '--backend', 'gpu', '--out', gpuDir]), runCli([...args, '--backend', 'cpu', '--out', join(tmp(), 'cpu')])]);
  });

  it('names the mode it really got in the first line and in the summary', () => {
    const first = gpu.stderr.split('\n')[0];
    expect(first).toMatch(/backend gpu:(headlessgl|webgl2|webgl|cpu-fallback)/);
    const done = jsonLines(gpu.stdout).at(-1)!;
    expect(done).toMatchObject({ type: 'done', backend: expect.stringMatching(/^gpu:/) });
    if (done.backend === 'gpu:cpu-fallback') expect(first).toContain('no GPU found: gpu.js runs its kernels as JavaScript on the CPU');
    expect(jsonLines(cpu.stdout).at(-1)).toMatchObject({ type: 'done', backend: 'cpu' });
  });

  it('trains to the same accuracy as the CPU backend, within noise', () => {
    const g = finalEpoch(gpu).testAcc as number;
    const c = finalEpoch(cpu).testAcc as number;
    expect(g).toBeGreaterThan(0.6);
    expect(c).toBeGreaterThan(0.6);
    expect(Math.abs(g - c)).toBeLessThan(0.05);
  });

  it('eval and predict read the GPU-trained model back on the GPU backend', async () => {
    const model = join(gpuDir, 'model.safetensors');
    const ev = await runCli(['eval', '--model', model, '--backend', 'gpu', '--json']);
    expect(ev.code).toBe(0);
    const done = jsonLines(gpu.stdout).at(-1)!;
    expect(Math.abs((jsonLines(ev.stdout)[0].testAccuracy as number) * 100 - (done.testAccuracy as number))).toBeLessThan(0.05);
    const pr = await runCli(['predict', '--model', model, '--index', '0', '--backend', 'gpu', '--json']);
    expect(pr.code).toBe(0);
    const probabilities = jsonLines(pr.stdout)[0].probabilities as number[];
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });
});
