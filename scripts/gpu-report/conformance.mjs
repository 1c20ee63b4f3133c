// Runs @nnkit/backend-gpu's own test command (its kernel checks, its conformance suite, and
// its browser tests where Chromium exists) and sums up the vitest JSON result it writes.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

/** `pnpm --filter @nnkit/backend-gpu test`, its output to `logFile`; counts per test file. */
export async function runGpuConformance(root, logFile) {
  const resultFile = join(root, 'packages/backend-gpu/.vitest-result.json');
  rmSync(resultFile, { force: true });
  const started = performance.now();
  const log = createWriteStream(logFile);
  const code = await new Promise((resolve, reject) => {
    const child = spawn('pnpm', ['--filter', '@nnkit/backend-gpu', 'test'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  log.end();
  const seconds = (performance.now() - started) / 1000;
  const command = 'pnpm --filter @nnkit/backend-gpu test';
  if (!existsSync(resultFile)) return { command, exitCode: code, seconds, passed: 0, failed: 0, skipped: 0, files: [], note: `no vitest result: see ${logFile}` };
  const r = JSON.parse(readFileSync(resultFile, 'utf8'));
  const files = (r.testResults ?? []).map((f) => {
    const count = (s) => f.assertionResults.filter((a) => a.status === s).length;
    return { file: relative(join(root, 'packages/backend-gpu'), f.name), passed: count('passed'), failed: count('failed'), skipped: count('skipped') + count('pending') + count('todo') };
  });
  const skipped = files.reduce((n, f) => n + f.skipped, 0);
  return { command, exitCode: code, seconds, passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0), skipped, files, note: '' };
}
