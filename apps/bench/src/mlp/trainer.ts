import type { LayerInit, MnistSplit } from './data.js';

/** The training settings every contender uses. */
export interface TrainSettings {
  readonly lr: number;
  readonly momentum: number;
}

/** One framework's MLP: an SGD step on a batch, and test accuracy. */
export interface Trainer {
  /** One forward/backward/update on `size` rows of `x` (`[size, 784]`) and `y`; returns the loss, read back. */
  step(x: Float32Array, y: Int32Array, size: number): number;
  /** Fraction of `test` classified correctly (argmax of the logits), in batches of 1000. */
  accuracy(test: MnistSplit): number;
  /** Frees the weights and the backend's threads. */
  dispose(): void;
}

/** Builds a trainer from the shared starting weights. */
export type TrainerFactory = (layers: readonly LayerInit[], settings: TrainSettings) => Promise<Trainer>;
