import type { Tensor } from '@nnkit/tensor';
import { Module } from '../module.js';
import { ReLU } from './activations.js';
import { Linear } from './linear.js';

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

  /**
   * Each layer in turn. A `Linear` followed by a `ReLU` (exactly those classes) runs as one
   * fused `linear(x, w, b, 'relu')`: the same values and gradients, one kernel fewer each way.
   */
  forward(x: Tensor): Tensor {
    let out = x;
    for (let i = 0; i < this.layers.length; i++) {
      const layer = this.layers[i];
      if (layer.constructor === Linear && this.layers[i + 1]?.constructor === ReLU) {
        out = (layer as Linear).call(out, 'relu');
        i++;
      } else {
        out = layer.call(out);
      }
    }
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
