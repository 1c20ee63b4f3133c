export { Tensor } from './tensor.js';
export { setBackend, getBackend, hasBackend } from './backend-registry.js';
export { memory, type MemoryInfo } from './memory.js';
export { tidy, keep } from './scope.js';
export { type TensorLike } from './dispatch.js';
export type { PrimitiveAttrs, PrimitiveName } from './primitives.js';
export { installAutograd, autogradEngine, type AutogradEngine, type BackwardOptions, type GradHook, type GradNode } from './autograd-hooks.js';
export { tensor, full, zeros, ones, fullLike, zerosLike, onesLike, arange, linspace, eye } from './ops/creation.js';
export type { CreationOptions, NestedInput } from './ops/creation.js';
export { manualSeed, defaultGenerator, rand, randn, randint, bernoulli, type RandomOptions } from './ops/random.js';
export {
  neg, abs, sign, exp, log, log1p, expm1, sqrt, rsqrt, square, reciprocal, sin, cos, tanh, sigmoid, erf,
  floor, ceil, round, isnan, logicalNot,
} from './ops/unary.js';
export { relu, leakyRelu, elu, gelu, softplus, silu } from './ops/activations.js';
export {
  add, sub, mul, div, pow, maximum, minimum, eq, ne, lt, le, gt, ge, logicalAnd, logicalOr,
} from './ops/binary.js';
export { where, clamp } from './ops/where.js';
export { sum, mean, prod, max, min, argmax, argmin, all, any, type AxisArg } from './ops/reduce.js';
export { variance, std, logsumexp, softmax, logSoftmax, norm, type VarianceOptions } from './ops/statistics.js';
export { matmul, linear } from './ops/matmul.js';
export {
  reshape, flatten, squeeze, unsqueeze, transpose, permute, expand, broadcastTo, slice, narrow, select, contiguous,
  sliceScatter, detach, type SliceSpec,
} from './ops/views.js';
export { concat, stack, split, chunk } from './ops/join.js';
export { gather, scatterAdd, indexSelect, oneHot } from './ops/indexing.js';
export { cast, transfer, transferAsync } from './ops/cast.js';
export { softmaxCrossEntropy } from './ops/losses.js';
export { linearGrad, type LinearGradNeeds, type LinearGradOptions } from './ops/linear-grad.js';
export { fusedSgdStep_, fusedAdamStep_ } from './ops/optimizer-steps.js';
export type { Nested } from './ops/read.js';
