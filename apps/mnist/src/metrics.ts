import { writeFileAtomic } from '@nnkit/nn';

/** One line of metrics.jsonl: every `logEvery` steps, and after each epoch. */
export type MetricRecord =
  | { type: 'step'; epoch: number; step: number; loss: number; lr: number; samplesPerSecond: number }
  | {
      type: 'epoch';
      epoch: number;
      step: number;
      trainLoss: number;
      trainAcc: number;
      testLoss: number;
      testAcc: number;
      lr: number;
      seconds: number;
      liveTensors: number;
    };

/** Rewrites metrics.jsonl from the history (atomically, so a resumed run never duplicates lines). */
export async function writeMetrics(path: string, history: readonly MetricRecord[]): Promise<void> {
  const text = history.map((r) => JSON.stringify(r)).join('\n') + (history.length ? '\n' : '');
  await writeFileAtomic(path, new TextEncoder().encode(text));
}
