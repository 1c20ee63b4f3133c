import { narrow, permute, reshape, slice, sliceScatter, type Tensor } from '@nnkit/tensor';
import type { GradRules } from '../rule.js';
import { unbroadcast } from './unbroadcast.js';

/** Rules of the view and layout ops: gradients are exact re-shapings of the incoming one. */
export const shapeRules = {
  reshape: { backward: (g, c) => [reshape(g, c.inputShapes[0])] },
  permute: {
    backward: (g, c) => {
      const inverse = new Array<number>(c.attrs.dims.length);
      c.attrs.dims.forEach((d, i) => (inverse[d] = i));
      return [permute(g, inverse)];
    },
  },
  expand: { backward: (g, c) => [unbroadcast(g, c.inputShapes[0])] },
  slice: { backward: (g, c) => [sliceScatter(g, c.inputShapes[0], c.attrs.starts, c.attrs.steps)] },
  sliceScatter: {
    backward: (g, c) => [slice(g, c.attrs.starts.map((s, d) => [s, s + (c.inputShapes[0][d] - 1) * c.attrs.steps[d] + 1, c.attrs.steps[d]] as const))],
  },
  contiguous: { backward: (g) => [g] },
  concat: {
    backward: (g, c) => {
      let start = 0;
      return c.inputShapes.map((shape) => {
        const piece: Tensor = narrow(g, c.attrs.axis, start, shape[c.attrs.axis]);
        start += shape[c.attrs.axis];
        return piece;
      });
    },
  },
} satisfies Partial<GradRules>;
