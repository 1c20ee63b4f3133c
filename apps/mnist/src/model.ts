import type { Backend } from '@nnkit/core';
import { Dropout, GELU, Linear, ReLU, Sequential, Tanh, type Module } from '@nnkit/nn';
import type { TrainConfig } from './args.js';

/** The parts of the config that fix the network. */
export type ArchConfig = Pick<TrainConfig, 'hidden' | 'activation' | 'dropout'>;

const ACTIVATION: Record<TrainConfig['activation'], () => Module> = {
  relu: () => new ReLU(),
  gelu: () => new GELU(),
  tanh: () => new Tanh(),
};

/**
 * The feedforward network: 784 → hidden… → 10, each hidden layer Linear + activation
 * (+ Dropout). State-dict keys are PyTorch's for the same nn.Sequential.
 */
export function buildModel(arch: ArchConfig, backend?: Backend): Sequential {
  const layers: Module[] = [];
  let width = 784;
  for (const h of arch.hidden) {
    layers.push(new Linear({ inFeatures: width, outFeatures: h, backend }), ACTIVATION[arch.activation]());
    if (arch.dropout > 0) layers.push(new Dropout({ p: arch.dropout }));
    width = h;
  }
  layers.push(new Linear({ inFeatures: width, outFeatures: 10, backend }));
  return new Sequential(...layers);
}

/** A one-line description: `784-256-128-10 relu`. */
export function describeArch(arch: ArchConfig): string {
  return `784-${arch.hidden.join('-')}-10 ${arch.activation}${arch.dropout > 0 ? ` dropout ${arch.dropout}` : ''}`;
}
