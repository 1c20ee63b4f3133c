import { expand, reshape, sum, where, type Tensor } from '@nnkit/tensor';
import { nonDifferentiable, type GradRules } from '../rule.js';

/** Brings a reduced gradient back to the keepdim shape, then broadcasts it over the input. */
function spread(g: Tensor, inputShape: readonly number[], axes: readonly number[], keepdim: boolean): Tensor {
  const kept = keepdim ? g : reshape(g, inputShape.map((d, i) => (axes.includes(i) ? 1 : d)));
  return expand(kept, inputShape);
}

function keptOutput(out: Tensor, inputShape: readonly number[], axes: readonly number[], keepdim: boolean): Tensor {
  return keepdim ? out : reshape(out, inputShape.map((d, i) => (axes.includes(i) ? 1 : d)));
}

/** max/min: the gradient goes to the elements equal to the extreme, shared evenly among ties. */
const extremeRule = {
  saveInputs: [0],
  saveOutput: true,
  backward: (g: Tensor, c: { attrs: { axes: readonly number[]; keepdim: boolean }; input(i: number): Tensor; output(): Tensor }) => {
    const x = c.input(0);
    const { axes, keepdim } = c.attrs;
    const mask = x.eq(keptOutput(c.output(), x.shape, axes, keepdim)).to(g.dtype);
    const count = sum(mask, axes, true);
    return [spread(g, x.shape, axes, keepdim).mul(mask).div(count)];
  },
};

/** Rules of the reductions. */
export const reductionRules = {
  sum: { backward: (g, c) => [spread(g, c.inputShapes[0], c.attrs.axes, c.attrs.keepdim)] },
  prod: {
    saveInputs: [0],
    saveOutput: true,
    backward: (g, c) => {
      const x = c.input(0);
      const { axes, keepdim } = c.attrs;
      const out = keptOutput(c.output(), x.shape, axes, keepdim);
      // ∂/∂xᵢ Π x = Π_{j≠i} xⱼ, exact with zeros: with one zero in the group the zero's
      // gradient is the product of the others; with two or more every gradient is 0.
      const isZero = x.eq(0);
      const others = where(isZero, 1, x).prod(axes, true);
      const zeros = isZero.sum(axes, true);
      const atZero = where(zeros.eq(1), others, 0);
      const grad = where(isZero, expand(atZero, x.shape), out.div(where(isZero, 1, x)));
      return [spread(g, x.shape, axes, keepdim).mul(grad)];
    },
  },
  max: extremeRule,
  min: extremeRule,
  argmax: nonDifferentiable,
  argmin: nonDifferentiable,
} satisfies Partial<GradRules>;
