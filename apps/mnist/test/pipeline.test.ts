import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSafetensors } from '@nnkit/nn';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runCli, tmp, type CliResult } from './run-cli.js';

describe('train on a slice of MNIST, 1 epoch', () => {
  const dir = join(tmp(), 'run');
  let result: CliResult;
  beforeAll(async () => {
    result = await runCli(['train', '--limit', '3000', '--epochs', '1', '--out', dir, '--json', '--log-every', '5']);
  });

  it('exits 0 and reports accuracy far above chance', () => {
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    const epoch = lines.find((l) => l.type === 'epoch')!;
    expect(epoch.testAcc).toBeGreaterThan(0.5);
    expect(lines.at(-1)).toMatchObject({ type: 'done', epochs: 1 });
  });

  it('writes model.safetensors with PyTorch key names and the architecture', () => {
    const { tensors, metadata } = decodeSafetensors(readFileSync(join(dir, 'model.safetensors')));
    expect(Object.keys(tensors).sort()).toEqual(['0.bias', '0.weight', '2.bias', '2.weight', '4.bias', '4.weight']);
    expect(tensors['0.weight'].shape).toEqual([256, 784]);
    expect(tensors['4.weight'].shape).toEqual([10, 128]);
    expect(JSON.parse(metadata['nnkit.mnist'])).toMatchObject({ hidden: [256, 128], activation: 'relu' });
    expect(metadata.format).toBe('pt');
  });

  it('writes metrics.jsonl, curves, confusion, digits, graph and a checkpoint that parse', () => {
    const metrics = readFileSync(join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(metrics.filter((m) => m.type === 'step').length).toBe(Math.floor(Math.ceil(3000 / 128) / 5));
    expect(metrics.filter((m) => m.type === 'epoch').length).toBe(1);
    expect(readFileSync(join(dir, 'curves.svg'), 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const png of ['curves.png', 'digits.png']) expect([...readFileSync(join(dir, png)).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(readFileSync(join(dir, 'digits.svg'), 'utf8')).toContain('<image');
    const confusion = readFileSync(join(dir, 'confusion.txt'), 'utf8');
    expect(confusion).toMatch(/accuracy \d+\.\d\d% \(\d+ \/ 10000 correct\)/);
    const dot = readFileSync(join(dir, 'graph.dot'), 'utf8');
    expect(dot.startsWith('digraph nnkit {')).toBe(true);
    for (const key of ['0.weight [256,784]', '4.bias [10]', 'LinearBackward', 'loss []']) expect(dot).toContain(key);
    const ckpt = decodeSafetensors(readFileSync(join(dir, 'checkpoint', 'checkpoint.safetensors')));
    expect(JSON.parse(ckpt.metadata['nnkit.checkpoint'])).toMatchObject({ version: 1, epoch: 1 });
    expect(Object.keys(ckpt.tensors)).toContain('optimizer.0.momentumBuffer');
  });

  it('eval reproduces the test accuracy; predict draws the digit', async () => {
    const model = join(dir, 'model.safetensors');
    const ev = await runCli(['eval', '--model', model, '--json']);
    expect(ev.code).toBe(0);
    const done = jsonLines(result.stdout).at(-1)!;
    expect(Number(((jsonLines(ev.stdout)[0].testAccuracy as number) * 100).toFixed(2))).toBe(done.testAccuracy);
    const text = await runCli(['eval', '--model', model]);
    expect(text.stdout).toMatch(/test accuracy \d+\.\d\d%/);
    const pr = await runCli(['predict', '--model', model, '--index', '0']);
    expect(pr.code).toBe(0);
    expect(pr.stdout).toMatch(/test image 0: predicted \d, true label 7/);
    expect(pr.stdout).toContain('@');
    expect(pr.stdout.split('\n').filter((l) => /%$/.test(l)).length).toBe(10);
  });

  it('keeps the live tensor count flat across epochs', async () => {
    const out = join(tmp(), 'flat');
    const r = await runCli(['train', '--limit', '500', '--epochs', '3', '--out', out, '--json']);
    const counts = jsonLines(r.stdout).filter((l) => l.type === 'epoch').map((l) => l.liveTensors);
    expect(counts.length).toBe(3);
    expect(new Set(counts).size).toBe(1);
  });

  it('prints help', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--resume DIR');
    expect(existsSync(dir)).toBe(true);
  });
});
