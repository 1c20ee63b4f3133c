import { ValueError, type Generator } from '@nnkit/core';
import { noGrad } from '@nnkit/autograd';
import { full, rand, randn, type Tensor } from '@nnkit/tensor';

/** Options shared by the random initialisers. */
export interface InitOptions {
  /** Draw from this generator instead of the default one (`manualSeed`). */
  readonly generator?: Generator;
}

/** Fan modes of the Kaiming initialisers. */
export type FanMode = 'fanIn' | 'fanOut';

/** Nonlinearities `calculateGain` knows, as in torch.nn.init. */
export type Nonlinearity = 'linear' | 'conv' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'selu';

function assign(t: Tensor, make: () => Tensor): Tensor {
  noGrad(() => {
    const v = make();
    t.copy_(v);
    v.dispose();
  });
  return t;
}

/** fan_in and fan_out of a weight, as PyTorch computes them (dims ≥ 2). */
export function calculateFans(t: Tensor): { fanIn: number; fanOut: number } {
  if (t.ndim < 2) throw new ValueError(`init: fan in/out need a tensor with at least 2 dims, got shape [${t.shape.join(',')}]`);
  const receptive = t.shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: t.shape[1] * receptive, fanOut: t.shape[0] * receptive };
}

/** The recommended gain for a nonlinearity (`param` is leakyRelu's negative slope, default 0.01). */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case 'linear':
    case 'conv':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leakyRelu': {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case 'selu':
      return 3 / 4;
    default:
      throw new ValueError(`calculateGain: unknown nonlinearity '${nonlinearity as string}'`);
  }
}

/** Fills `t` in place with U(low, high). */
export function uniform(t: Tensor, low = 0, high = 1, opts: InitOptions = {}): Tensor {
  return assign(t, () => rand(t.shape, { low, high, dtype: t.dtype, backend: t.backend, generator: opts.generator }));
}

/** Fills `t` in place with N(mean, std²). */
export function normal(t: Tensor, mean = 0, std = 1, opts: InitOptions = {}): Tensor {
  return assign(t, () => randn(t.shape, { mean, std, dtype: t.dtype, backend: t.backend, generator: opts.generator }));
}

/** Fills `t` in place with `value`. */
export function constant(t: Tensor, value: number): Tensor {
  return assign(t, () => full(t.shape, value, { dtype: t.dtype, backend: t.backend }));
}

/** Fills `t` with zeros. */
export const zeros = (t: Tensor): Tensor => constant(t, 0);
/** Fills `t` with ones. */
export const ones = (t: Tensor): Tensor => constant(t, 1);

/** Glorot uniform: U(−a, a), a = gain·√(6 / (fanIn + fanOut)). */
export function xavierUniform(t: Tensor, gain = 1, opts: InitOptions = {}): Tensor {
  const { fanIn, fanOut } = calculateFans(t);
  const a = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform(t, -a, a, opts);
}

/** Glorot normal: N(0, std²), std = gain·√(2 / (fanIn + fanOut)). */
export function xavierNormal(t: Tensor, gain = 1, opts: InitOptions = {}): Tensor {
  const { fanIn, fanOut } = calculateFans(t);
  return normal(t, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), opts);
}

/** Options of the Kaiming initialisers (PyTorch's defaults: a = 0, fanIn, leakyRelu). */
export interface KaimingOptions extends InitOptions {
  readonly a?: number;
  readonly mode?: FanMode;
  readonly nonlinearity?: Nonlinearity;
}

function kaimingStd(t: Tensor, o: KaimingOptions): number {
  const fans = calculateFans(t);
  const fan = (o.mode ?? 'fanIn') === 'fanIn' ? fans.fanIn : fans.fanOut;
  return calculateGain(o.nonlinearity ?? 'leakyRelu', o.a ?? 0) / Math.sqrt(fan);
}

/** He uniform: U(−b, b), b = gain·√(3 / fan). */
export function kaimingUniform(t: Tensor, opts: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd(t, opts);
  return uniform(t, -bound, bound, opts);
}

/** He normal: N(0, (gain / √fan)²). */
export function kaimingNormal(t: Tensor, opts: KaimingOptions = {}): Tensor {
  return normal(t, 0, kaimingStd(t, opts), opts);
}
