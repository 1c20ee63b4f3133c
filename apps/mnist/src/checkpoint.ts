import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { FormatError, ShapeError, ValueError, type GeneratorState } from '@nnkit/core';
import type { DataLoaderState } from '@nnkit/data';
import { decodeSafetensors, serializeSafetensors, writeFileAtomic, type Module, type RawTensor } from '@nnkit/nn';
import type { LRScheduler, Optimizer, OptimizerStateDict, SchedulerStateDict } from '@nnkit/optim';
import { tensor, type Tensor } from '@nnkit/tensor';
import { readFile } from 'node:fs/promises';
import { ARCHITECTURE_KEYS, type TrainConfig } from './args.js';
import { CliError } from './errors.js';
import type { MetricRecord } from './metrics.js';

/** Progress inside the epoch that is under way. */
export interface EpochProgress {
  steps: number;
  seen: number;
  lossSum: number;
  correct: number;
  seconds: number;
}

/** Everything besides tensors that a resumed run needs. */
export interface CheckpointMeta {
  version: 1;
  config: TrainConfig;
  /** Epochs finished. */
  epoch: number;
  globalStep: number;
  progress: EpochProgress;
  optimizer: { paramGroups: OptimizerStateDict['paramGroups']; scalars: Record<number, Record<string, number>> };
  scheduler: SchedulerStateDict | null;
  rng: GeneratorState;
  loader: DataLoaderState;
  history: MetricRecord[];
}

const FILE = 'checkpoint.safetensors';
const META_KEY = 'nnkit.checkpoint';

/** The checkpoint file inside a run folder. */
export function checkpointPath(runDir: string): string {
  return join(runDir, 'checkpoint', FILE);
}

/**
 * Writes model, optimizer and run state as one safetensors file, atomically: a crash at any
 * moment leaves the previous checkpoint whole. (Set NNKIT_TEST_KILL_BEFORE_RENAME=1 to have
 * the process kill itself at the worst moment; the tests do.)
 */
export async function saveCheckpoint(runDir: string, model: Module, optimizer: Optimizer, meta: Omit<CheckpointMeta, 'optimizer'>): Promise<void> {
  const tensors: Record<string, Tensor> = {};
  for (const [k, t] of Object.entries(model.stateDict())) tensors[`model.${k}`] = t;
  const opt = optimizer.stateDict();
  const scalars: Record<number, Record<string, number>> = {};
  for (const [index, entries] of Object.entries(opt.state)) {
    for (const [name, value] of Object.entries(entries)) {
      if (typeof value === 'number') (scalars[Number(index)] ??= {})[name] = value;
      else tensors[`optimizer.${index}.${name}`] = value;
    }
  }
  try {
    const full: CheckpointMeta = { ...meta, optimizer: { paramGroups: opt.paramGroups, scalars } };
    const bytes = await serializeSafetensors(tensors, { [META_KEY]: JSON.stringify(full), format: 'pt' });
    await mkdir(join(runDir, 'checkpoint'), { recursive: true });
    const kill = process.env.NNKIT_TEST_KILL_BEFORE_RENAME === '1';
    await writeFileAtomic(checkpointPath(runDir), bytes, kill ? { beforeRename: () => void process.kill(process.pid, 'SIGKILL') } : {});
  } finally {
    for (const entries of Object.values(opt.state)) for (const v of Object.values(entries)) if (typeof v !== 'number') v.dispose();
  }
}

/** A loaded checkpoint: metadata plus the raw (host) tensors, to apply with `restore`. */
export interface LoadedCheckpoint {
  meta: CheckpointMeta;
  tensors: Record<string, RawTensor>;
}

/** Reads a run folder's checkpoint; every problem becomes a one-line CLI error. */
export async function loadCheckpoint(runDir: string): Promise<LoadedCheckpoint> {
  const path = checkpointPath(runDir);
  if (!existsSync(path)) throw new CliError(`no checkpoint in ${runDir} (looked for ${path})`, 'pass the --out folder of an earlier run to --resume');
  try {
    const { tensors, metadata } = decodeSafetensors(await readFile(path), path);
    const raw = metadata[META_KEY];
    if (!raw) throw new FormatError(path, `no '${META_KEY}' metadata: not an nnkit MNIST checkpoint`);
    const meta = JSON.parse(raw) as CheckpointMeta;
    if (meta.version !== 1) throw new FormatError(path, `checkpoint version ${String(meta.version)} is not supported`);
    return { meta, tensors };
  } catch (err) {
    if (err instanceof FormatError || err instanceof SyntaxError) throw new CliError(`corrupt checkpoint: ${err.message}`, 'start a new run, or resume from another folder');
    throw err;
  }
}

/** Flags given now that contradict the checkpoint's architecture. */
export function architectureConflicts(saved: TrainConfig, given: Partial<TrainConfig>): string[] {
  return ARCHITECTURE_KEYS.filter((k) => given[k] !== undefined && JSON.stringify(given[k]) !== JSON.stringify(saved[k])).map(
    (k) => `--${k} ${String(given[k])} (checkpoint: ${String(saved[k])})`,
  );
}

/** Puts model and optimizer state back; shape mismatches mean another architecture. */
export function restore(ckpt: LoadedCheckpoint, model: Module, optimizer: Optimizer, runDir: string): void {
  const modelState: Record<string, Tensor> = {};
  const optState: OptimizerStateDict = { state: {}, paramGroups: ckpt.meta.optimizer.paramGroups };
  const made: Tensor[] = [];
  for (const [key, raw] of Object.entries(ckpt.tensors)) {
    const t = tensor(raw.data, { shape: raw.shape, dtype: raw.dtype });
    made.push(t);
    const [kind, ...rest] = key.split('.');
    if (kind === 'model') modelState[rest.join('.')] = t;
    else if (kind === 'optimizer') (optState.state[Number(rest[0])] ??= {})[rest.slice(1).join('.')] = t;
  }
  for (const [index, entries] of Object.entries(ckpt.meta.optimizer.scalars)) Object.assign((optState.state[Number(index)] ??= {}), entries);
  try {
    model.loadStateDict(modelState);
    optimizer.loadStateDict(optState);
  } catch (err) {
    if (err instanceof ShapeError || err instanceof ValueError) {
      throw new CliError(`the checkpoint in ${runDir} is from a different architecture: ${err.message}`, 'resume with the flags of the original run, or start a new one');
    }
    throw err;
  } finally {
    for (const t of made) t.dispose();
  }
}

/** Restores a scheduler's state when the run has one. */
export function restoreScheduler(scheduler: LRScheduler | null, state: SchedulerStateDict | null): void {
  if (scheduler && state) scheduler.loadStateDict(state);
}
