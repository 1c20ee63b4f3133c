import { ValueError } from '@nnkit/core';
import type { UnaryOp } from '@nnkit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, f32, restride } from '../../test/harness.js';
import { roundHalfEven, sign } from './unary.js';

let h: Harness;
beforeEach(() => {
  h = new Harness();
});
afterEach(() => h.finish());

const NaN = Number.NaN;
const Inf = Number.POSITIVE_INFINITY;

describe('unary ops in float64', () => {
  const cases: [UnaryOp, number[], number[]][] = [
    ['neg', [1, -2, 0], [-1, 2, -0]],
    ['abs', [-1.5, 2, -Inf], [1.5, 2, Inf]],
    ['sign', [-3, 0, 2.5, NaN], [-1, 0, 1, NaN]],
    ['exp', [0, 1, -Inf], [1, Math.E, 0]],
    ['log', [1, Math.E, 0, -1], [0, 1, -Inf, NaN]],
    ['log1p', [0, 1e-20, -1], [0, 1e-20, -Inf]],
    ['expm1', [0, 1e-20], [0, 1e-20]],
    ['sqrt', [4, 2, -1], [2, Math.SQRT2, NaN]],
    ['rsqrt', [4, 0.25, 0], [0.5, 2, Inf]],
    ['reciprocal', [2, -0.5, 0], [0.5, -2, Inf]],
    ['sin', [0, Math.PI / 2], [0, 1]],
    ['cos', [0, Math.PI], [1, -1]],
    ['tanh', [0, Inf, -Inf], [0, 1, -1]],
    ['sigmoid', [0, Inf, -Inf, -1000], [0.5, 1, 0, 0]],
    ['floor', [1.5, -1.5, 2], [1, -2, 2]],
    ['ceil', [1.5, -1.5, 2], [2, -1, 2]],
    ['round', [0.5, 1.5, 2.5, -0.5, -1.5, 2.4, 2.6], [0, 2, 2, -0, -2, 2, 3]],
    ['isnan', [NaN, 0, Inf], [1, 0, 0]],
    ['logicalNot', [0, 2, NaN, -0], [1, 0, 0, 1]],
  ];

  it.each(cases)('%s', (op, input, want) => {
    const outDtype = op === 'isnan' || op === 'logicalNot' ? 'bool' : 'float64';
    const got = h.take(h.b.unary(op, h.input(input, 'float64'), outDtype));
    expect(got).toEqual(want);
  });

  it('erf, sigmoid(1) and tanh(0.5) are accurate', () => {
    const e = h.take(h.b.unary('erf', h.input([0, 0.5, 1, 2, -3], 'float64'), 'float64'));
    const want = [0, 0.5204998778130465, 0.8427007929497149, 0.9953222650189527, -0.9999779095030014];
    e.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-15));
    const got = h.take(h.b.unary('sigmoid', h.input([1], 'float64'), 'float64'));
    expect(got[0]).toBeCloseTo(0.7310585786300049, 15);
    expect(h.take(h.b.unary('tanh', h.input([0.5], 'float64'), 'float64'))[0]).toBeCloseTo(0.46211715726000974, 15);
  });
});

describe('unary dtypes', () => {
  it('keeps int32 for neg, abs and sign, wrapping like int32', () => {
    const x = h.input([-3, 0, 7, -2147483648], 'int32');
    expect(h.takeTyped(h.b.unary('neg', x, 'int32'))).toEqual(Int32Array.from([3, 0, -7, -2147483648]));
    expect(h.take(h.b.unary('abs', x, 'int32'))).toEqual([3, 0, 7, -2147483648]);
    expect(h.take(h.b.unary('sign', x, 'int32'))).toEqual([-1, 0, 1, -1]);
  });

  it('rounds float32 results to float32', () => {
    const got = h.takeTyped(h.b.unary('exp', h.input([1, 0.1], 'float32'), 'float32'));
    expect(got).toBeInstanceOf(Float32Array);
    expect(Array.from(got)).toEqual(f32([Math.E, Math.exp(Math.fround(0.1))]));
  });

  it('computes in float64 and truncates into an int32 output', () => {
    expect(h.take(h.b.unary('exp', h.input([1, 2], 'float64'), 'int32'))).toEqual([2, 7]);
  });

  it('writes bool outputs as 0/1 and reads bool inputs as 0/1', () => {
    const b = h.input([1, 0, 1], 'bool');
    expect(h.takeTyped(h.b.unary('logicalNot', b, 'bool'))).toEqual(Uint8Array.from([0, 1, 0]));
    expect(h.take(h.b.unary('neg', h.input([2, 0], 'float32'), 'bool'))).toEqual([1, 0]);
    expect(h.take(h.b.unary('isnan', h.input([NaN, 1], 'float32'), 'bool'))).toEqual([1, 0]);
  });
});

describe('unary on views', () => {
  it('reads a transposed view in row-major order', () => {
    const x = h.input([1, 2, 3, 4, 5, 6], 'float32', [2, 3]);
    const t = restride(x, [3, 2], [1, 3]);
    expect(h.take(h.b.unary('neg', t, 'float32'))).toEqual([-1, -4, -2, -5, -3, -6]);
  });

  it('reads a stepped, offset slice and a broadcast view', () => {
    const x = h.input([0, 1, 2, 3, 4, 5, 6, 7], 'float64');
    expect(h.take(h.b.unary('abs', restride(x, [3], [2], 1), 'float64'))).toEqual([1, 3, 5]);
    expect(h.take(h.b.unary('abs', restride(x, [2, 2], [0, 1], 6), 'float64'))).toEqual([6, 7, 6, 7]);
  });

  it('handles 0-d scalars and empty tensors', () => {
    const s = h.input([-2], 'float64', []);
    expect(h.take(h.b.unary('abs', s, 'float64'))).toEqual([2]);
    const e = h.input([], 'float32', [0, 3]);
    const out = h.b.unary('exp', e, 'float32');
    expect(out.size).toBe(0);
    expect(h.take(out)).toEqual([]);
  });

  it('rejects an unknown op and a bad output dtype', () => {
    const x = h.input([1], 'float32');
    expect(() => h.b.unary('gelu' as UnaryOp, x, 'float32')).toThrow(ValueError);
    expect(() => h.b.unary('gelu' as UnaryOp, x, 'float32')).toThrow("unary: unknown op 'gelu'");
    expect(() => h.b.unary('exp', x, 'float16' as 'float32')).toThrow("cpu: unary: unsupported dtype 'float16'");
  });
});

describe('helpers', () => {
  it('roundHalfEven rounds ties to even and keeps the sign of zero', () => {
    expect([3.5, 4.5, -2.5, -3.5, 1e300, 0.49999999999999994].map(roundHalfEven)).toEqual([4, 4, -2, -4, 1e300, 0]);
    expect(Object.is(roundHalfEven(-0.4), -0)).toBe(true);
    expect(roundHalfEven(NaN)).toBeNaN();
    expect(roundHalfEven(-Inf)).toBe(-Inf);
  });

  it('sign gives -1, 0, 1 and NaN', () => {
    expect([-0.1, -0, 0, 7].map(sign)).toEqual([-1, 0, 0, 1]);
    expect(sign(NaN)).toBeNaN();
  });

  it('does not take prototype keys as ops', () => {
    expect(() => h.b.unary('toString' as UnaryOp, h.input([1], 'float32'), 'float32')).toThrow(ValueError);
  });
});
