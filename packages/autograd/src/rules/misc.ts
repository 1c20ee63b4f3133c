import { isFloatDType } from '@nnkit/core';
import {
  arange, gather, linearGrad, matmul, scatterAdd, sliceScatter, softmax, transfer, transpose, unsqueeze, where, zeros,
} from '@nnkit/tensor';
import { isGradEnabled } from '../grad-mode.js';
import type { GradRules } from '../rule.js';
import { unbroadcast } from './unbroadcast.js';

/** Rules of matmul, casts, selection, indexing and the fused fast paths. */
export const miscRules = {
  matmul: {
    saveInputs: [0, 1],
    backward: (g, c) => [
      c.needs[0] ? matmul(g, transpose(c.input(1))) : null,
      c.needs[1] ? matmul(transpose(c.input(0)), g) : null,
    ],
  },
  cast: {
    backward: (g, c) => [isFloatDType(c.inputDTypes[0]) ? g.to(c.inputDTypes[0]) : null],
  },
  transfer: { saveInputs: [0], backward: (g, c) => [transfer(g, c.input(0).backend)] },
  where: {
    saveInputs: [0],
    backward: (g, c) => {
      const cond = c.input(0);
      return [
        null,
        c.needs[1] ? unbroadcast(where(cond, g, 0), c.inputShapes[1]) : null,
        c.needs[2] ? unbroadcast(where(cond, 0, g), c.inputShapes[2]) : null,
      ];
    },
  },
  gather: {
    saveInputs: [1],
    backward: (g, c) => {
      const base = zeros(c.inputShapes[0], { dtype: g.dtype, backend: g.backend });
      return [scatterAdd(base, c.attrs.axis, c.input(1), g), null];
    },
  },
  scatterAdd: {
    saveInputs: [1],
    backward: (g, c) => {
      const index = c.input(1);
      const src = c.needs[2] ? gather(g, c.attrs.axis, index) : null;
      const srcShape = c.inputShapes[2];
      const padded = src && srcShape.some((d, i) => d !== index.shape[i])
        ? sliceScatter(src, srcShape, srcShape.map(() => 0), srcShape.map(() => 1))
        : src;
      return [g, null, padded];
    },
  },
  linear: {
    saveInputs: [0, 1],
    saveOutput: true,
    // The backend's fused kernel is not recorded: it runs unless a graph of the backward is built.
    backward: (g, c) => linearGrad(
      g, c.input(0), c.input(1), c.attrs.activation === 'relu' ? c.output() : null, c.attrs.activation,
      [c.needs[0], c.needs[1], c.needs[2] ?? false], { allowFused: !isGradEnabled() },
    ),
  },
  softmaxCrossEntropy: {
    saveInputs: [0, 1],
    backward: (g, c) => {
      const [logits, labels] = [c.input(0), c.input(1)];
      // eq against arange, not oneHot: oneHot checks the labels on the host, and a backward
      // pass must not read back from the device (the forward already used these labels).
      const classes = arange(logits.shape[1], undefined, 1, { dtype: 'int32', backend: logits.backend });
      const target = unsqueeze(labels, 1).eq(classes).to(logits.dtype);
      return [softmax(logits, 1).sub(target).mul(unsqueeze(g, 1)), null];
    },
  },
} satisfies Partial<GradRules>;
