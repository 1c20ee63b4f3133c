import { noGrad } from '@nnkit/autograd';
import { tensor, tidy } from '@nnkit/tensor';
import type { ParsedArgs } from './args.js';
import { loadDatasets, normalizeImages } from './data.js';
import { CliError } from './errors.js';
import { loadModel } from './eval-command.js';
import { asciiDigit, formatProbabilities } from './report/ascii.js';

/** The `predict` command: one test image as ASCII art, with the class probabilities. */
export async function predictCommand(args: ParsedArgs): Promise<number> {
  if (args.index === undefined) throw new CliError('predict needs --index K', 'K is a test image number, 0…9999', 2);
  const { model, arch } = await loadModel(args);
  const { test } = loadDatasets({ dataset: args.given.dataset ?? arch.dataset, dataDir: args.given.dataDir });
  const k = args.index;
  if (k >= test.length) throw new CliError(`--index ${k} is out of range: the test set has ${test.length} images`, `use 0…${test.length - 1}`, 2);
  const { image, label } = test.get(k);
  const out = noGrad(() => tidy(() => model.call(normalizeImages(tensor(Float32Array.from(image), { shape: [1, 784] }))).softmax(1)));
  // An async read: the GPU backend's WebGPU mode has no synchronous one.
  const probs = await out.data();
  out.dispose();
  let predicted = 0;
  for (let c = 1; c < 10; c++) if (probs[c] > probs[predicted]) predicted = c;
  if (args.run.json) {
    console.log(JSON.stringify({ type: 'predict', index: k, label, predicted, probabilities: Array.from(probs) }));
  } else {
    console.log(asciiDigit(image));
    console.log(`test image ${k}: predicted ${predicted}, true label ${label}${predicted === label ? '' : '  ✗ wrong'}\n`);
    console.log(formatProbabilities(probs, predicted));
  }
  return 0;
}
