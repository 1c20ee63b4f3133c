import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSafetensors } from '@nnkit/nn';
import { describe, expect, it } from 'vitest';
import { jsonLines, runCli, tmp } from './run-cli.js';

const args = ['--limit', '1000', '--epochs', '2', '--dropout', '0.1', '--json'];
const weights = (dir: string) => readFileSync(join(dir, 'model.safetensors'));
const checkpointMeta = (dir: string) =>
  JSON.parse(decodeSafetensors(readFileSync(join(dir, 'checkpoint', 'checkpoint.safetensors'))).metadata['nnkit.checkpoint']);

describe('interrupt and resume', () => {
  it('N epochs straight and an interrupted run resumed mid-epoch give bit-identical weights', async () => {
    const straight = join(tmp(), 'straight');
    expect((await runCli(['train', ...args, '--out', straight])).code).toBe(0);

    const resumed = join(tmp(), 'resumed');
    // Interrupt in the middle of epoch 2 (8 batches per epoch): step 11.
    const first = await runCli(['train', ...args, '--out', resumed], { env: { NNKIT_TEST_INTERRUPT_AT_STEP: '11' } });
    expect(first.code).toBe(130);
    expect(first.stderr).toContain(`--resume ${resumed}`);
    expect(checkpointMeta(resumed)).toMatchObject({ epoch: 1, globalStep: 11, progress: { steps: 3 } });
    const second = await runCli(['train', '--resume', resumed, '--json']);
    expect(second.code).toBe(0);
    expect(Buffer.compare(weights(straight), weights(resumed))).toBe(0);
    const a = jsonLines(readFileSync(join(straight, 'metrics.jsonl'), 'utf8'));
    const b = jsonLines(readFileSync(join(resumed, 'metrics.jsonl'), 'utf8'));
    expect(b.map((r) => ({ ...r, seconds: 0, samplesPerSecond: 0 }))).toEqual(a.map((r) => ({ ...r, seconds: 0, samplesPerSecond: 0 })));
  });

  it('Ctrl-C saves a checkpoint at the next batch boundary and exits cleanly', async () => {
    const dir = join(tmp(), 'sigint');
    let sent = false;
    const r = await runCli(['train', '--limit', '3000', '--epochs', '3', '--out', dir, '--json'], {
      onStdout: (text, kill) => {
        if (!sent && text.includes('"type":"epoch"')) {
          sent = true;
          kill('SIGINT');
        }
      },
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('checkpoint saved');
    const meta = checkpointMeta(dir);
    expect(meta.epoch).toBeGreaterThanOrEqual(1);
    expect(meta.epoch).toBeLessThan(3);
    const resumed = await runCli(['train', '--resume', dir, '--json']);
    expect(resumed.code).toBe(0);
    expect(jsonLines(resumed.stdout).at(-1)).toMatchObject({ type: 'done', epochs: 3 });
  });

  it('a kill while the checkpoint is being written leaves the previous one intact', async () => {
    const dir = join(tmp(), 'kill');
    expect((await runCli(['train', '--limit', '300', '--epochs', '1', '--out', dir, '--json'])).code).toBe(0);
    const before = readFileSync(join(dir, 'checkpoint', 'checkpoint.safetensors'));
    const killed = await runCli(['train', '--resume', dir, '--epochs', '2', '--json'], { env: { NNKIT_TEST_KILL_BEFORE_RENAME: '1' } });
    expect(killed.signal).toBe('SIGKILL');
    const after = readFileSync(join(dir, 'checkpoint', 'checkpoint.safetensors'));
    expect(Buffer.compare(before, after)).toBe(0);
    expect(checkpointMeta(dir).epoch).toBe(1);
    const again = await runCli(['train', '--resume', dir, '--epochs', '2', '--json']);
    expect(again.code).toBe(0);
    expect(checkpointMeta(dir).epoch).toBe(2);
  });
});

describe('errors are one line, with a non-zero exit and no stack trace', () => {
  const oneLine = (stderr: string) => {
    const lines = stderr.trim().split('\n');
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(/^error: /);
    expect(stderr).not.toMatch(/\n\s+at /);
  };

  it('bad flags', async () => {
    for (const bad of [['--bogus'], ['--epochs', '0'], ['--optimizer', 'lbfgs'], ['--hidden', '12,x'], ['fly']]) {
      const r = await runCli(['train', ...bad].filter((a, i) => !(a === 'train' && bad[0] === 'fly' && i === 0)));
      expect(r.code).toBe(2);
      oneLine(r.stderr);
    }
  });

  it('a missing or corrupt dataset folder', async () => {
    const missing = await runCli(['train', '--data-dir', join(tmp(), 'nope')]);
    expect(missing.code).toBe(1);
    oneLine(missing.stderr);
    expect(missing.stderr).toContain('does not exist');
    const folder = tmp();
    for (const f of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) writeFileSync(join(folder, f), 'garbage');
    const corrupt = await runCli(['train', '--data-dir', folder]);
    expect(corrupt.code).toBe(1);
    oneLine(corrupt.stderr);
    expect(corrupt.stderr).toContain('train-images-idx3-ubyte');
  });

  it('a checkpoint from a different architecture, a corrupt one, a missing one', async () => {
    const dir = join(tmp(), 'arch');
    expect((await runCli(['train', '--limit', '200', '--epochs', '1', '--hidden', '32', '--out', dir, '--json'])).code).toBe(0);
    const other = await runCli(['train', '--resume', dir, '--hidden', '64']);
    expect(other.code).toBe(1);
    oneLine(other.stderr);
    expect(other.stderr).toContain('different architecture');
    writeFileSync(join(dir, 'checkpoint', 'checkpoint.safetensors'), 'not a checkpoint');
    const corrupt = await runCli(['train', '--resume', dir]);
    oneLine(corrupt.stderr);
    expect(corrupt.stderr).toContain('corrupt checkpoint');
    const none = await runCli(['train', '--resume', tmp()]);
    oneLine(none.stderr);
    expect(none.stderr).toContain('no checkpoint');
  });

  it('--verbose adds the stack trace', async () => {
    const r = await runCli(['train', '--data-dir', join(tmp(), 'nope'), '--verbose']);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});
