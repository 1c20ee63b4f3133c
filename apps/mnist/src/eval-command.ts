import { existsSync } from 'node:fs';
import { FormatError } from '@nnkit/core';
import { loadSafetensors, type Sequential } from '@nnkit/nn';
import { setBackend, type Tensor } from '@nnkit/tensor';
import { DEFAULTS, type ParsedArgs, type TrainConfig } from './args.js';
import { selectBackend } from './backend.js';
import { loadDatasets } from './data.js';
import { CliError } from './errors.js';
import { evaluate } from './evaluate.js';
import { buildModel, describeArch, type ArchConfig } from './model.js';
import { MODEL_META_KEY } from './outputs.js';
import { confusionMatrix, formatConfusion } from './report/confusion.js';

/** Loads a model.safetensors written by `train`, rebuilding the network from its metadata. */
export async function loadModel(args: ParsedArgs): Promise<{ model: Sequential; arch: ArchConfig & { dataset: TrainConfig['dataset'] } }> {
  const path = args.model;
  if (!path) throw new CliError(`${args.command} needs --model FILE`, 'point it at the model.safetensors of a run folder', 2);
  if (!existsSync(path)) throw new CliError(`no such file: ${path}`, 'point --model at the model.safetensors of a run folder');
  const backend = await selectBackend(args.given.backend ?? DEFAULTS.backend);
  setBackend(backend);
  let loaded;
  try {
    loaded = await loadSafetensors(path, { backend });
  } catch (err) {
    if (err instanceof FormatError) throw new CliError(`corrupt model file: ${err.message}`, 'train again or use another file');
    throw err;
  }
  const raw = loaded.metadata[MODEL_META_KEY];
  if (!raw) throw new CliError(`${path} has no '${MODEL_META_KEY}' metadata: it was not written by this app`, 'use the model.safetensors of a run folder');
  const arch = JSON.parse(raw) as ArchConfig & { dataset: TrainConfig['dataset'] };
  const model = buildModel(arch, backend);
  try {
    model.loadStateDict(loaded.tensors);
  } catch (err) {
    throw new CliError(`${path} does not fit ${describeArch(arch)}: ${(err as Error).message}`, 'the file may be damaged; train again');
  } finally {
    for (const t of Object.values(loaded.tensors) as Tensor[]) t.dispose();
  }
  model.eval();
  return { model, arch };
}

/** The `eval` command: test accuracy and confusion matrix of a saved model. */
export async function evalCommand(args: ParsedArgs): Promise<number> {
  const { model, arch } = await loadModel(args);
  const { test } = loadDatasets({ dataset: args.given.dataset ?? arch.dataset, dataDir: args.given.dataDir });
  const result = await evaluate(model, test);
  const matrix = confusionMatrix(result.labels, result.predictions, 10);
  if (args.run.json) {
    console.log(JSON.stringify({ type: 'eval', model: args.model, testAccuracy: result.accuracy, testLoss: result.loss, confusion: matrix }));
  } else {
    console.log(`${describeArch(arch)} — test accuracy ${(result.accuracy * 100).toFixed(2)}%, test loss ${result.loss.toFixed(4)}\n`);
    console.log(formatConfusion(matrix));
  }
  return 0;
}
