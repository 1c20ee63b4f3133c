import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Backend } from '@nnkit/core';
import { disposeDeep } from '@nnkit/data';
import { CrossEntropyLoss, type Module } from '@nnkit/nn';
import type { LRScheduler, Optimizer } from '@nnkit/optim';
import { defaultGenerator, manualSeed, memory, setBackend, tidy, type Tensor } from '@nnkit/tensor';
import { withDefaults, type ParsedArgs, type TrainConfig } from './args.js';
import { describeBackend, selectBackend } from './backend.js';
import { architectureConflicts, loadCheckpoint, restore, restoreScheduler, saveCheckpoint, type EpochProgress, type LoadedCheckpoint } from './checkpoint.js';
import { limited, loadDatasets, normalizeImages, trainLoader, type Batch } from './data.js';
import { CliError } from './errors.js';
import { evaluate } from './evaluate.js';
import { writeMetrics, type MetricRecord } from './metrics.js';
import { buildModel, describeArch } from './model.js';
import { buildOptimizer, buildScheduler } from './optim-setup.js';
import { writeFinalOutputs } from './outputs.js';
import { jsonReporter, terminalReporter, type Reporter } from './reporter.js';

/** Flags that may differ from the checkpoint when resuming (they change no saved state). */
const RESUMABLE_OVERRIDES = ['epochs', 'backend', 'dataDir', 'logEvery'] as const;

function defaultRunDir(dataset: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join('runs', `${dataset}-${stamp}`);
}

/** Works out the config and run folder, from flags or from the checkpoint being resumed. */
async function plan(args: ParsedArgs): Promise<{ config: TrainConfig; runDir: string; ckpt: LoadedCheckpoint | null }> {
  const { given, run } = args;
  if (!run.resume) return { config: withDefaults(given), runDir: run.out ?? defaultRunDir(given.dataset ?? 'mnist'), ckpt: null };
  if (run.out && run.out !== run.resume) throw new CliError('--out and --resume name different folders', 'a resumed run continues in its own folder: drop --out');
  const ckpt = await loadCheckpoint(run.resume);
  const saved = ckpt.meta.config;
  const conflicts = architectureConflicts(saved, given);
  if (conflicts.length) {
    throw new CliError(`the checkpoint in ${run.resume} is from a different architecture: ${conflicts.join(', ')}`, 'resume without changing the architecture flags, or start a new run');
  }
  const changed = (Object.keys(given) as (keyof TrainConfig)[]).filter(
    (k) => !(RESUMABLE_OVERRIDES as readonly string[]).includes(k) && JSON.stringify(given[k]) !== JSON.stringify(saved[k]),
  );
  if (changed.length) throw new CliError(`cannot change --${changed.join(', --')} when resuming`, `only ${RESUMABLE_OVERRIDES.join(', ')} may change`);
  const overrides = Object.fromEntries(RESUMABLE_OVERRIDES.filter((k) => given[k] !== undefined).map((k) => [k, given[k]]));
  return { config: { ...saved, ...overrides }, runDir: run.resume, ckpt };
}

/** One optimisation step on one batch: loss value and number of correct predictions. */
async function trainStep(model: Module, lossFn: CrossEntropyLoss, optimizer: Optimizer, batch: Batch): Promise<{ loss: number; correct: number }> {
  const { loss, correct } = tidy(() => {
    const logits = (model as Module<[Tensor], Tensor>).call(normalizeImages(batch.image));
    return { loss: lossFn.call(logits, batch.label), correct: logits.argmax(1).eq(batch.label).sum() };
  });
  loss.backward();
  optimizer.step();
  optimizer.zeroGrad();
  const result = { loss: await loss.item(), correct: await correct.item() };
  loss.dispose();
  correct.dispose();
  return result;
}

const emptyProgress = (): EpochProgress => ({ steps: 0, seen: 0, lossSum: 0, correct: 0, seconds: 0 });

/** The `train` command: the whole pipeline, resumable, interruptible with Ctrl-C. */
export async function trainCommand(args: ParsedArgs): Promise<number> {
  const { config, runDir, ckpt } = await plan(args);
  const reporter: Reporter = args.run.json ? jsonReporter() : terminalReporter();
  const backend: Backend = await selectBackend(config.backend);
  setBackend(backend);
  manualSeed(config.seed);
  const { train, test } = loadDatasets(config);
  const trainSet = limited(train, config.limit);
  const model = buildModel(config, backend);
  const optimizer = buildOptimizer(config, model.parameters());
  const loader = trainLoader(trainSet, config);
  const scheduler: LRScheduler | null = buildScheduler(config, optimizer, loader.length);
  let epoch = 0;
  let globalStep = 0;
  let progress = emptyProgress();
  let history: MetricRecord[] = [];
  if (ckpt) {
    restore(ckpt, model, optimizer, runDir);
    restoreScheduler(scheduler, ckpt.meta.scheduler);
    defaultGenerator().setState(ckpt.meta.rng);
    loader.loadStateDict(ckpt.meta.loader);
    ({ epoch, globalStep, progress, history } = ckpt.meta);
  }
  await mkdir(runDir, { recursive: true });
  reporter.info(
    `${ckpt ? 'resuming' : 'training'} ${describeArch(config)} on ${config.dataset} (${trainSet.length} images), ` +
      `${config.optimizer} lr ${config.lr}, ${config.schedule} schedule, batch ${config.batchSize}, backend ${describeBackend(backend)} → ${runDir}`,
  );

  let interrupted = false;
  // Test seam: behave as if Ctrl-C came during this global step (exact, unlike a real signal).
  const interruptAt = Number(process.env.NNKIT_TEST_INTERRUPT_AT_STEP ?? NaN);
  const onSigint = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    reporter.info('\ninterrupt: saving a checkpoint at the next batch boundary (Ctrl-C again to quit at once)');
  };
  process.on('SIGINT', onSigint);
  const lossFn = new CrossEntropyLoss();
  const currentLr = () => optimizer.paramGroups[0].lr;
  /** Saves the run with `epochsDone` epochs finished (and `progress` into the next one). */
  const save = (epochsDone: number) =>
    saveCheckpoint(runDir, model, optimizer, {
      version: 1, config, epoch: epochsDone, globalStep, progress, history,
      scheduler: scheduler?.stateDict() ?? null, rng: defaultGenerator().getState(), loader: loader.stateDict(),
    });

  try {
    for (; epoch < config.epochs; epoch++) {
      model.train();
      const started = performance.now() - progress.seconds * 1000;
      let windowStart = performance.now();
      let windowSeen = 0;
      reporter.epochStart(epoch, config.epochs, loader.length, progress.steps);
      for await (const batch of loader) {
        const n = batch.label.shape[0];
        const { loss, correct } = await trainStep(model, lossFn, optimizer, batch);
        disposeDeep(batch);
        scheduler?.step();
        progress.steps++;
        progress.seen += n;
        progress.lossSum += loss * n;
        progress.correct += correct;
        globalStep++;
        windowSeen += n;
        const speed = (windowSeen * 1000) / Math.max(performance.now() - windowStart, 1e-3);
        if (globalStep % config.logEvery === 0) {
          history.push({ type: 'step', epoch: epoch + progress.steps / loader.length, step: globalStep, loss, lr: currentLr(), samplesPerSecond: Math.round(speed) });
          windowStart = performance.now();
          windowSeen = 0;
        }
        reporter.step(progress.steps, speed, progress.lossSum / progress.seen);
        if (globalStep === interruptAt) interrupted = true;
        if (interrupted) {
          progress.seconds = (performance.now() - started) / 1000;
          await save(epoch);
          await writeMetrics(join(runDir, 'metrics.jsonl'), history);
          reporter.info(`checkpoint saved in ${join(runDir, 'checkpoint')}; continue with --resume ${runDir}`);
          return 130;
        }
      }
      const evaluation = await evaluate(model, test);
      const record: MetricRecord = {
        type: 'epoch', epoch: epoch + 1, step: globalStep,
        trainLoss: progress.lossSum / Math.max(progress.seen, 1), trainAcc: progress.correct / Math.max(progress.seen, 1),
        testLoss: evaluation.loss, testAcc: evaluation.accuracy, lr: currentLr(),
        seconds: (performance.now() - started) / 1000, liveTensors: memory().tensors,
      };
      history.push(record);
      reporter.epochEnd(record, config.epochs);
      if (args.run.verbose) reporter.info(`memory: ${JSON.stringify(memory())}`);
      progress = emptyProgress();
      await save(epoch + 1);
      await writeMetrics(join(runDir, 'metrics.jsonl'), history);
      if (interrupted) {
        reporter.info(`checkpoint saved in ${join(runDir, 'checkpoint')}; continue with --resume ${runDir}`);
        return 130;
      }
    }
    const summary = await writeFinalOutputs({ runDir, model, config, test, history });
    reporter.done({ ...summary, backend: backend.name });
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
