import { cos, exp, log, sign, sin, where, zerosLike, type Tensor } from '@nnkit/tensor';
import { nonDifferentiable, type GradRules } from '../rule.js';
import { unbroadcast } from './unbroadcast.js';

const zeroGrad = { backward: (g: Tensor) => [zerosLike(g)] };

/** Rules of the elementwise primitives; `out` is the saved output where the math is simpler with it. */
export const elementwiseRules = {
  neg: { backward: (g) => [g.neg()] },
  abs: { saveInputs: [0], backward: (g, c) => [g.mul(sign(c.input(0)))] },
  sign: zeroGrad,
  floor: zeroGrad,
  ceil: zeroGrad,
  round: zeroGrad,
  exp: { saveOutput: true, backward: (g, c) => [g.mul(c.output())] },
  log: { saveInputs: [0], backward: (g, c) => [g.div(c.input(0))] },
  log1p: { saveInputs: [0], backward: (g, c) => [g.div(c.input(0).add(1))] },
  expm1: { saveOutput: true, backward: (g, c) => [g.mul(c.output().add(1))] },
  sqrt: { saveOutput: true, backward: (g, c) => [g.div(c.output().mul(2))] },
  rsqrt: { saveOutput: true, backward: (g, c) => [g.mul(c.output().pow(3)).mul(-0.5)] },
  reciprocal: { saveOutput: true, backward: (g, c) => [g.mul(c.output().square()).neg()] },
  sin: { saveInputs: [0], backward: (g, c) => [g.mul(cos(c.input(0)))] },
  cos: { saveInputs: [0], backward: (g, c) => [g.mul(sin(c.input(0))).neg()] },
  tanh: { saveOutput: true, backward: (g, c) => [g.mul(c.output().square().neg().add(1))] },
  sigmoid: {
    saveOutput: true,
    backward: (g, c) => {
      const s = c.output();
      return [g.mul(s).mul(s.neg().add(1))];
    },
  },
  erf: {
    saveInputs: [0],
    backward: (g, c) => [g.mul(exp(c.input(0).square().neg()).mul(2 / Math.sqrt(Math.PI)))],
  },
  isnan: nonDifferentiable,
  logicalNot: nonDifferentiable,

  add: { backward: (g, c) => [unbroadcast(g, c.inputShapes[0]), unbroadcast(g, c.inputShapes[1])] },
  sub: { backward: (g, c) => [unbroadcast(g, c.inputShapes[0]), c.needs[1] ? unbroadcast(g.neg(), c.inputShapes[1]) : null] },
  mul: {
    saveInputs: [0, 1],
    backward: (g, c) => [
      c.needs[0] ? unbroadcast(g.mul(c.input(1)), c.inputShapes[0]) : null,
      c.needs[1] ? unbroadcast(g.mul(c.input(0)), c.inputShapes[1]) : null,
    ],
  },
  div: {
    saveInputs: [0, 1],
    backward: (g, c) => {
      const [x, y] = [c.input(0), c.input(1)];
      return [
        c.needs[0] ? unbroadcast(g.div(y), c.inputShapes[0]) : null,
        c.needs[1] ? unbroadcast(g.mul(x).div(y.square()).neg(), c.inputShapes[1]) : null,
      ];
    },
  },
  pow: {
    saveInputs: [0, 1],
    saveOutput: true,
    backward: (g, c) => {
      const [x, y] = [c.input(0), c.input(1)];
      // As PyTorch: an exponent of 0 gives a zero base gradient, and a zero base with a
      // non-negative exponent gives a zero exponent gradient (instead of 0·log 0 = NaN).
      const gx = c.needs[0] ? where(y.eq(0), 0, g.mul(y).mul(x.pow(y.sub(1)))) : null;
      const gy = c.needs[1] ? where(x.eq(0).logicalAnd(y.ge(0)), 0, g.mul(c.output()).mul(log(x))) : null;
      return [gx && unbroadcast(gx, c.inputShapes[0]), gy && unbroadcast(gy, c.inputShapes[1])];
    },
  },
  maximum: {
    saveInputs: [0, 1],
    backward: (g, c) => {
      const [x, y] = [c.input(0), c.input(1)];
      // Ties split the gradient evenly, as torch.maximum does.
      const tie = x.eq(y).to(g.dtype).mul(0.5);
      return [
        c.needs[0] ? unbroadcast(g.mul(x.gt(y).to(g.dtype).add(tie)), c.inputShapes[0]) : null,
        c.needs[1] ? unbroadcast(g.mul(y.gt(x).to(g.dtype).add(tie)), c.inputShapes[1]) : null,
      ];
    },
  },
  minimum: {
    saveInputs: [0, 1],
    backward: (g, c) => {
      const [x, y] = [c.input(0), c.input(1)];
      const tie = x.eq(y).to(g.dtype).mul(0.5);
      return [
        c.needs[0] ? unbroadcast(g.mul(x.lt(y).to(g.dtype).add(tie)), c.inputShapes[0]) : null,
        c.needs[1] ? unbroadcast(g.mul(y.lt(x).to(g.dtype).add(tie)), c.inputShapes[1]) : null,
      ];
    },
  },
  eq: nonDifferentiable,
  ne: nonDifferentiable,
  lt: nonDifferentiable,
  le: nonDifferentiable,
  gt: nonDifferentiable,
  ge: nonDifferentiable,
  logicalAnd: nonDifferentiable,
  logicalOr: nonDifferentiable,
} satisfies Partial<GradRules>;
