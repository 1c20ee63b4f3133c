// Times one MNIST training epoch with the app's CLI, on one backend and batch size.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Seconds spent in training steps, from the run's per-step records (`--log-every 1`: each
 * holds the images/s of its own step, data loading included).
 */
function trainSeconds(outDir, batchSize, images) {
  const steps = readFileSync(join(outDir, 'metrics.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((r) => r.type === 'step');
  return steps.reduce((sum, r, i) => {
    const n = i === steps.length - 1 ? images - batchSize * (steps.length - 1) : batchSize;
    return sum + n / Math.max(r.samplesPerSecond, 1e-9);
  }, 0);
}

/**
 * Runs `nnkit-mnist train --backend <backend> --epochs 1 --batch-size <batch> --json
 * --log-every 1` and reads back the epoch's seconds (training plus the test-set evaluation,
 * the CLI's time column), the training steps' share of them, the test accuracy and the
 * backend's real name.
 */
export function timeEpoch(root, { backend, batchSize, limit, outDir, timeoutSeconds }) {
  const args = [join(root, 'apps/mnist/dist/cli.js'), 'train', '--backend', backend, '--epochs', '1', '--batch-size', String(batchSize), '--json', '--log-every', '1', '--out', outDir];
  if (limit !== undefined) args.push('--limit', String(limit));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
      const epoch = lines.find((l) => l.type === 'epoch');
      const done = lines.find((l) => l.type === 'done');
      const base = { backend, batchSize, command: `node ${args.map((a) => (a.startsWith(root) ? relative(root, a) : a)).join(' ')}` };
      if (code !== 0 || !epoch || !done) {
        const why = signal === 'SIGKILL' ? `timed out after ${timeoutSeconds} s` : `exit ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`;
        resolve({ ...base, ok: false, error: why });
        return;
      }
      const images = Math.min(limit ?? 60000, 60000);
      const train = trainSeconds(outDir, batchSize, images);
      resolve({
        ...base, ok: true, backendName: done.backend, firstLine: stderr.split('\n')[0], images, steps: epoch.step,
        trainSeconds: train, imagesPerSecond: images / train, epochSeconds: epoch.seconds, testAccuracy: epoch.testAcc,
      });
    });
  });
}
