/**
 * One epoch of MNIST MLP training (784-256-128-10 ReLU, batch 128, SGD lr 0.1 momentum 0.9,
 * cross entropy, pixels/255, the same starting weights and sample order for all), each
 * contender in its own child process so that its peak RSS is its own: nnkit's reference CPU
 * backend, nnkit's WebAssembly backend on 1 and 2 threads, tfjs-backend-cpu and
 * tfjs-backend-wasm. Prints one table with ratios to tfjs-wasm and writes the runs as JSON.
 *
 *   pnpm bench:mlp                                  # 60,000 images, 3 runs each
 *   pnpm bench:mlp --limit 10000 --runs 1 --only nnkit,tfjs-wasm --out results/mlp-quick.json
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CONTENDER_NAMES } from './mlp/names.js';

const { values } = parseArgs({
  options: {
    limit: { type: 'string', default: '60000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '0' },
    only: { type: 'string', default: '' },
    out: { type: 'string', default: 'results/mlp.json' },
  },
});

interface RunResult {
  contender: string;
  images: number;
  steps: number;
  trainSeconds: number;
  samplesPerSecond: number;
  meanLoss: number;
  testAccuracy: number;
  evalSeconds: number;
  rssAfterDataMiB: number;
  maxRssMiB: number;
  vmHwmMiB: number | null;
  loadBefore: number;
}

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = values.only.split(',').filter(Boolean);
const names = only.length ? CONTENDER_NAMES.filter((n) => only.some((o) => n.includes(o))) : [...CONTENDER_NAMES];
const runs: RunResult[] = [];
const loads: number[] = [loadavg()[0]];

// Runs interleaved (A, B, C, A, B, C, …) so that a change in machine load hits all alike.
for (let r = 0; r < Number(values.runs); r++) {
  for (const name of names) {
    const loadBefore = loadavg()[0];
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/mlp/child.ts', name, values.limit, values.seed], {
      cwd: benchDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = out.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) throw new Error(`mlp-bench: ${name} printed no result:\n${out}`);
    const result = { ...(JSON.parse(line.slice(7)) as Omit<RunResult, 'loadBefore'>), loadBefore };
    runs.push(result);
    console.error(
      `run ${r + 1} ${name.padEnd(22)} ${result.samplesPerSecond.toFixed(0).padStart(6)} samples/s  test ${(100 * result.testAccuracy).toFixed(2)}%  peak RSS ${result.maxRssMiB.toFixed(0)} MiB  (load ${loadBefore.toFixed(2)})`,
    );
  }
}
loads.push(loadavg()[0]);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = names.map((name) => {
  const mine = runs.filter((r) => r.contender === name);
  return {
    contender: name,
    samplesPerSecondMedian: median(mine.map((r) => r.samplesPerSecond)),
    samplesPerSecondRuns: mine.map((r) => Math.round(r.samplesPerSecond)),
    testAccuracy: mine.map((r) => r.testAccuracy),
    peakRssMiB: Math.max(...mine.map((r) => r.maxRssMiB)),
    rssAfterDataMiB: Math.max(...mine.map((r) => r.rssAfterDataMiB)),
  };
});
const ref = summary.find((s) => s.contender === 'tfjs-wasm');
const ratio = (v: number, base: number | undefined): string => (base ? `${(v / base).toFixed(2)}×` : '—');
const images = runs[0]?.images ?? 0;
console.log(
  `MNIST MLP 784-256-128-10, one epoch of ${images} images, batch 128, SGD 0.1 m 0.9; ${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, Node ${process.versions.node}, load average ${loads[0].toFixed(2)} → ${loads[1].toFixed(2)}`,
);
const head = ['contender', 'samples/s (median)', 'vs tfjs-wasm', 'each run', 'test acc', 'peak RSS', 'vs tfjs-wasm', 'data RSS'];
const widths = [22, 18, 12, 24, 8, 10, 12, 9];
const row = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(row(head));
for (const s of summary) {
  const accs = [...new Set(s.testAccuracy.map((a) => `${(100 * a).toFixed(2)}%`))].join('/');
  console.log(
    row([
      s.contender,
      s.samplesPerSecondMedian.toFixed(0),
      ratio(s.samplesPerSecondMedian, ref?.samplesPerSecondMedian),
      s.samplesPerSecondRuns.join(', '),
      accs,
      `${s.peakRssMiB.toFixed(0)} MiB`,
      ratio(s.peakRssMiB, ref?.peakRssMiB),
      `${s.rssAfterDataMiB.toFixed(0)} MiB`,
    ]),
  );
}
const outPath = join(benchDir, values.out);
mkdirSync(dirname(outPath), { recursive: true });
const report = {
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model,
  cores: availableParallelism(),
  memoryGiB: totalmem() / 2 ** 30,
  node: process.versions.node,
  loadAverage: loads,
  settings: { limit: Number(values.limit), runs: Number(values.runs), seed: Number(values.seed), batch: 128, lr: 0.1, momentum: 0.9 },
  summary,
  runs,
};
writeFileSync(outPath, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${values.out}`);
