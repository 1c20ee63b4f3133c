import { CONTENDER_NAMES } from './names.js';
import type { TrainerFactory } from './trainer.js';

// Imported lazily, so that an nnkit child never loads TF.js and a TF.js child never loads
// nnkit: each process's peak RSS is its own framework's.
const nnkit = (wasm: boolean, threads: number): TrainerFactory => async (layers, settings) =>
  (await import('./nnkit-trainer.js')).nnkitTrainer({ wasm, threads })(layers, settings);
const tfjs = (backend: 'wasm' | 'cpu'): TrainerFactory => async (layers, settings) =>
  (await import('./tfjs-trainer.js')).tfjsTrainer(backend)(layers, settings);

/** The MLP contenders, in table order; ratios are to the one named `tfjs-wasm`. */
export const CONTENDERS: readonly { name: (typeof CONTENDER_NAMES)[number]; create: TrainerFactory }[] = [
  { name: 'nnkit reference', create: nnkit(false, 1) },
  { name: 'nnkit wasm 1 thread', create: nnkit(true, 1) },
  { name: 'nnkit wasm 2 threads', create: nnkit(true, 2) },
  { name: 'tfjs-cpu', create: tfjs('cpu') },
  { name: 'tfjs-wasm', create: tfjs('wasm') },
];
