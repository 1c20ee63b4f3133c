import type { Tensor } from '@nnkit/tensor';
import { Module } from '../module.js';

/**
 * Modules applied one after another; children are named `0`, `1`, … as in PyTorch.
 *
 * @example
 * const model = new Sequential(new Linear({ inFeatures: 784, outFeatures: 128 }), new ReLU(), new Linear({ inFeatures: 128, outFeatures: 10 }));
 * model.stateDict(); // keys 0.weight, 0.bias, 2.weight, 2.bias
 */
export class Sequential extends Module {
  readonly layers: readonly Module[];

  constructor(...layers: Module[]) {
    super();
    this.layers = layers;
    layers.forEach((m, i) => this.registerModule(String(i), m as Module<never[], unknown>));
  }

  forward(x: Tensor): Tensor {
    let out = x;
    for (const layer of this.layers) out = layer.call(out);
    return out;
  }

  /** The i-th layer. */
  at(i: number): Module {
    return this.layers[i < 0 ? i + this.layers.length : i];
  }

  get length(): number {
    return this.layers.length;
  }
}
