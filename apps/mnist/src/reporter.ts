import cliProgress from 'cli-progress';
import { formatEpochHeader, formatEpochRow } from './report/table.js';
import type { MetricRecord } from './metrics.js';

/** What the training loop tells the person watching. */
export interface Reporter {
  info(line: string): void;
  epochStart(epoch: number, epochs: number, steps: number, startAt: number): void;
  step(done: number, samplesPerSecond: number, runningLoss: number): void;
  epochEnd(record: Extract<MetricRecord, { type: 'epoch' }>, epochs: number): void;
  done(summary: Record<string, unknown>): void;
}

/** Progress bars and a table on a terminal. */
export function terminalReporter(): Reporter {
  let bar: cliProgress.SingleBar | null = null;
  let headerShown = false;
  return {
    info: (line) => console.log(line),
    epochStart(epoch, epochs, steps, startAt) {
      if (!headerShown) {
        console.log(formatEpochHeader());
        headerShown = true;
      }
      bar = new cliProgress.SingleBar(
        {
          format: `epoch ${epoch + 1}/${epochs} |{bar}| {value}/{total} batches | {speed} samples/s | loss {loss} | ETA {eta_formatted}`,
          barsize: 24,
          hideCursor: true,
          clearOnComplete: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(steps, startAt, { speed: '-', loss: '-' });
    },
    step(done, speed, loss) {
      bar?.update(done, { speed: Math.round(speed), loss: loss.toFixed(4) });
    },
    epochEnd(record, epochs) {
      bar?.stop();
      bar = null;
      console.log(formatEpochRow({ ...record, epoch: record.epoch, epochs }));
    },
    done(summary) {
      console.log(`\n${Object.entries(summary).map(([k, v]) => `${k}: ${String(v)}`).join('\n')}`);
    },
  };
}

/** JSON lines (one per epoch, one at the end) when stdout is not a terminal or with --json. */
export function jsonReporter(): Reporter {
  return {
    info: (line) => console.error(line),
    epochStart() {},
    step() {},
    epochEnd: (record) => console.log(JSON.stringify(record)),
    done: (summary) => console.log(JSON.stringify({ type: 'done', ...summary })),
  };
}
