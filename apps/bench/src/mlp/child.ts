/**
 * One contender's epoch, in its own process so its peak RSS is its own:
 *   tsx src/mlp/child.ts <contender> <limit> <seed>
 * Prints one line `RESULT {json}` at the end.
 */
import { readFileSync } from 'node:fs';
import { gatherBatch, initialLayers, loadMnist, permutation } from './data.js';
import { CONTENDERS } from './contenders.js';

const [name, limitArg, seedArg] = process.argv.slice(2);
const contender = CONTENDERS.find((c) => c.name === name);
if (!contender) throw new Error(`mlp-bench: unknown contender '${name}' (known: ${CONTENDERS.map((c) => c.name).join(', ')})`);
const BATCH = 128;
const seed = Number(seedArg);
const train = loadMnist('train', Number(limitArg));
const test = loadMnist('test');
const order = permutation(train.count, seed);
// What the data alone costs (the same for everyone): the rest of the peak is the framework's.
const rssAfterDataMiB = process.memoryUsage().rss / 2 ** 20;
const trainer = await contender.create(initialLayers([784, 256, 128, 10], seed), { lr: 0.1, momentum: 0.9 });
const x = new Float32Array(BATCH * 784);
const y = new Int32Array(BATCH);

let lossSum = 0;
let steps = 0;
const t0 = performance.now();
for (let start = 0; start < train.count; start += BATCH) {
  const size = Math.min(BATCH, train.count - start);
  gatherBatch(train, order, start, size, x, y);
  const loss = trainer.step(x, y, size);
  if (!Number.isFinite(loss)) throw new Error(`mlp-bench: ${name} diverged at step ${steps} (loss ${loss})`);
  lossSum += loss;
  steps++;
}
const trainSeconds = (performance.now() - t0) / 1000;
const t1 = performance.now();
const testAccuracy = trainer.accuracy(test);
const evalSeconds = (performance.now() - t1) / 1000;
trainer.dispose();

const vmHwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
const result = {
  contender: name,
  images: train.count,
  steps,
  trainSeconds,
  samplesPerSecond: train.count / trainSeconds,
  meanLoss: lossSum / steps,
  testAccuracy,
  evalSeconds,
  rssAfterDataMiB,
  maxRssMiB: process.resourceUsage().maxRSS / 1024,
  vmHwmMiB: vmHwm ? Number(vmHwm) / 1024 : null,
};
console.log(`RESULT ${JSON.stringify(result)}`);
process.exit(0);
