import type { AutogradEngine, BackwardOptions, Tensor } from '@nnkit/tensor';
import { backwardPass, seedGradient } from './backward.js';
import { recordOp } from './record.js';

/** The engine that tensor calls into: records ops and runs `t.backward()`. */
export const engine: AutogradEngine = {
  onOp: recordOp,
  backward(root: Tensor, gradient: Tensor | undefined, options: BackwardOptions): void {
    const grad = seedGradient(root, gradient);
    try {
      backwardPass([{ tensor: root, grad }], { retainGraph: options.retainGraph ?? false, createGraph: false });
    } finally {
      if (grad !== gradient) grad.dispose();
    }
  },
};
