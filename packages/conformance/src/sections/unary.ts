import * as T from '@nnkit/tensor';
import { DOMAINS, type Domain } from '../domains.js';
import { ALL, NUMERIC, floatMath } from '../dtype-sets.js';
import { UNARY_REF, type UnaryName } from '../reference/elementwise.js';
import type { Section } from '../section.js';
import { unaryCases, type UnarySpec } from './unary-cases.js';

function spec(name: UnaryName, domain: Domain, extra: Partial<UnarySpec> = {}): UnarySpec {
  return {
    name,
    fn: (x) => T[name](x),
    method: (x) => x[name](),
    ref: UNARY_REF[name],
    dtypes: NUMERIC,
    domain,
    ...extra,
  };
}

const float = (name: UnaryName, domain: Domain, extra: Partial<UnarySpec> = {}): UnarySpec =>
  spec(name, domain, { compute: floatMath, ...extra });

/** Every elementwise op of one operand that `@nnkit/tensor` exports. */
export const UNARY_SPECS: readonly UnarySpec[] = [
  spec('neg', DOMAINS.real, { intEdges: true }),
  spec('abs', DOMAINS.real, { intEdges: true }),
  spec('sign', DOMAINS.real, { intEdges: true }),
  spec('square', DOMAINS.real, { intEdges: true, intGrowth: 'product', intRef: (x) => Math.imul(x, x) }),
  spec('floor', DOMAINS.real, { intEdges: true, halfway: true }),
  spec('ceil', DOMAINS.real, { intEdges: true, halfway: true }),
  spec('round', DOMAINS.real, { intEdges: true, halfway: true }),
  float('exp', DOMAINS.wide),
  float('log', DOMAINS.positive),
  float('log1p', DOMAINS.aboveMinusOne),
  float('expm1', DOMAINS.real),
  float('sqrt', DOMAINS.positive),
  float('rsqrt', DOMAINS.positive),
  float('reciprocal', DOMAINS.nonzero),
  float('sin', DOMAINS.wide, { noHuge: true }),
  float('cos', DOMAINS.wide, { noHuge: true }),
  float('tanh', DOMAINS.real),
  float('sigmoid', DOMAINS.wide),
  float('erf', DOMAINS.real),
  spec('isnan', DOMAINS.real, { out: 'bool', intEdges: true }),
  spec('logicalNot', DOMAINS.small, { out: 'bool', dtypes: ALL, intEdges: true }),
];

/** Elementwise unary ops against their Math.* references, for every layout and edge value. */
export const unarySection: Section = {
  name: 'elementwise unary',
  valueCases: (ctx) => UNARY_SPECS.flatMap((s) => unaryCases(ctx, s)),
};
