/**
 * Side-by-side float32 matmul: nnkit's WebAssembly GEMM (1 thread and all cores) against
 * tfjs-backend-wasm (XNNPACK), tfjs-backend-cpu and a plain JavaScript loop. Prints one table
 * of median GFLOP/s with the ratio to tfjs-wasm, and writes every number as JSON.
 *
 *   pnpm bench                       # square n = 128…1024 and the MNIST MLP shapes
 *   pnpm bench --sizes 256,1024 --mlp no --out results/run.json --budget 3000 --threads 2
 *   pnpm bench --only nnkit,tfjs-wasm
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { type Shape, contenders } from './contenders.js';
import { measureInterleaved } from './measure.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '128,256,512,1024' },
    mlp: { type: 'string', default: 'yes' },
    out: { type: 'string', default: 'results/matmul.json' },
    budget: { type: 'string', default: '2000' },
    threads: { type: 'string', default: String(availableParallelism()) },
    // Comma-separated name fragments: `--only nnkit,tfjs-wasm` skips the slow contenders.
    only: { type: 'string', default: '' },
  },
});

const square: Shape[] = values.sizes.split(',').map((s) => {
  const n = Number(s);
  return { label: `${n}×${n}×${n}`, m: n, n, k: n, transA: false, transB: false };
});
// MNIST MLP 784-256-128-10 at batch 128: forward x·Wᵀ, then the two backward products.
const mlp: Shape[] = [
  { label: 'fwd [128,784]·[256,784]ᵀ', m: 128, n: 256, k: 784, transA: false, transB: true },
  { label: 'fwd [128,256]·[128,256]ᵀ', m: 128, n: 128, k: 256, transA: false, transB: true },
  { label: 'dX [128,256]·[256,784]', m: 128, n: 784, k: 256, transA: false, transB: false },
  { label: 'dW [128,256]ᵀ·[128,784]', m: 256, n: 784, k: 128, transA: true, transB: false },
];
const shapes = values.mlp === 'no' ? square : [...square, ...mlp];

function random(n: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
}

const budgetMs = Number(values.budget);
const all = await contenders(Number(values.threads));
const { dispose, info } = all;
const only = values.only.split(',').filter(Boolean);
const list = only.length ? all.list.filter((c) => only.some((o) => c.name.includes(o))) : all.list;
const results: { shape: string; m: number; n: number; k: number; transA: boolean; transB: boolean; contender: string; medianMs: number; bestMs: number; samples: number; gflops: number }[] = [];

const loadBefore = loadavg()[0];
for (const shape of shapes) {
  const { m, n, k } = shape;
  const a = random(m * k, 1);
  const b = random(k * n, 2);
  const flops = 2 * m * n * k;
  const here = list.filter((c) => c.handles(shape));
  const prepared = [];
  for (const c of here) prepared.push(await c.prepare(shape, a, b));
  const timings = await measureInterleaved(
    prepared.map((p, i) => ({ ...p, maxSamples: here[i].slow ? 5 : 25 })),
    30,
    budgetMs,
  );
  prepared.forEach((p) => p.done());
  here.forEach((c, i) => results.push({ shape: shape.label, ...shape, contender: c.name, ...timings[i], gflops: flops / timings[i].medianMs / 1e6 }));
}
const loadAfter = loadavg()[0];
dispose();

const names = list.map((c) => c.name);
const cell = (s: string, w: number): string => s.padStart(w);
const width = Math.max(...shapes.map((s) => s.label.length));
console.log(
  `float32 matmul, median GFLOP/s (× = ratio to tfjs-wasm); ${cpus()[0]?.model ?? 'cpu'}, ${availableParallelism()} cores, Node ${process.versions.node}, load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`,
);
console.log([cell('shape', width), ...names.map((n) => cell(n, 24))].join(' |'));
for (const shape of shapes) {
  const row = results.filter((r) => r.shape === shape.label);
  const ref = row.find((r) => r.contender === 'tfjs-wasm')?.gflops ?? NaN;
  const cells = names.map((name) => {
    const r = row.find((x) => x.contender === name);
    return cell(r ? `${r.gflops.toFixed(1)} (${(r.gflops / ref).toFixed(2)}×)` : '—', 24);
  });
  console.log([cell(shape.label, width), ...cells].join(' |'));
}
mkdirSync(dirname(values.out), { recursive: true });
const report = {
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model,
  cores: availableParallelism(),
  node: process.versions.node,
  loadAverage: [loadBefore, loadAfter],
  ...info,
  results,
};
writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote ${values.out}`);
