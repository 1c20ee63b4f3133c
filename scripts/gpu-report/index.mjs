#!/usr/bin/env node
// pnpm gpu-report: on a machine with a GPU, runs the GPU backend's tests (its conformance
// suite among them) and times one MNIST epoch on the GPU and the CPU backends at batch 128
// and 1024; prints a table and writes JSON. Where there is no GPU it says so and measures
// what it got (gpu.js's CPU fallback). See docs/PERFORMANCE.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runGpuConformance } from './conformance.mjs';
import { describeEnvironment } from './environment.mjs';
import { timeEpoch } from './mnist.mjs';
import { formatReport } from './table.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const HELP = `Usage: pnpm gpu-report [options]   (on Linux with NVIDIA: xvfb-run -a pnpm gpu-report; see docs/PERFORMANCE.md)

  --batch-sizes 128,1024   batch sizes to time [128,1024]
  --limit N                train on the first N images instead of all 60000
  --skip-conformance       do not run the GPU backend's tests
  --no-build               use the packages as already built
  --timeout S              give up on one MNIST run after S seconds [1800]
  --out FILE               JSON report [runs/gpu-report-<time>.json]
  -h, --help`;

const { values: v } = parseArgs({
  options: {
    'batch-sizes': { type: 'string', default: '128,1024' },
    limit: { type: 'string' },
    'skip-conformance': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '1800' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (v.help) {
  console.log(HELP);
  process.exit(0);
}
const positiveInt = (flag, s) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`gpu-report: ${flag} must be a positive integer, got '${s}'`);
    process.exit(2);
  }
  return n;
};
const batchSizes = v['batch-sizes'].split(',').map((s) => positiveInt('--batch-sizes', s));
const limit = v.limit === undefined ? undefined : positiveInt('--limit', v.limit);
const timeoutSeconds = positiveInt('--timeout', v.timeout);

const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const runDir = join(root, 'runs', `gpu-report-${stamp}`);
mkdirSync(runDir, { recursive: true });
const outFile = v.out ?? join(root, 'runs', `gpu-report-${stamp}.json`);

if (!v['no-build']) {
  console.log('building the MNIST app and the packages it uses…');
  const build = spawnSync('pnpm', ['turbo', 'run', 'build', '--filter=@nnkit/mnist-app...', '--output-logs=errors-only'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('gpu-report: the build failed');
    process.exit(1);
  }
}

const environment = await describeEnvironment(root);
const report = { date: new Date().toISOString(), options: { batchSizes, limit: limit ?? null }, environment, conformance: null, mnist: [] };
console.log(formatReport(report).slice(0, 5).join('\n'));

if (!v['skip-conformance']) {
  console.log(`\nrunning the GPU backend's tests (log: ${join(runDir, 'backend-gpu-test.log')})…`);
  report.conformance = await runGpuConformance(root, join(runDir, 'backend-gpu-test.log'));
}
for (const batchSize of batchSizes) {
  for (const backend of ['cpu', 'gpu']) {
    console.log(`timing one MNIST epoch: --backend ${backend} --batch-size ${batchSize}${limit ? ` --limit ${limit}` : ''}…`);
    report.mnist.push(await timeEpoch(root, { backend, batchSize, limit, outDir: join(runDir, `${backend}-${batchSize}`), timeoutSeconds }));
  }
}

const text = formatReport(report);
console.log(`\n${text.join('\n')}`);
writeFileSync(outFile, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\nJSON: ${outFile}`);
const failed = (report.conformance?.exitCode ?? 0) !== 0 || report.mnist.some((r) => !r.ok);
process.exit(failed ? 1 : 0);
