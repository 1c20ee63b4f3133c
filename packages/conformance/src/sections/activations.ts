import * as T from '@nnkit/tensor';
import { DOMAINS } from '../domains.js';
import { FLOATS } from '../dtype-sets.js';
import { activationRef as R } from '../reference/elementwise.js';
import type { Section } from '../section.js';
import { unaryCases, type UnarySpec } from './unary-cases.js';

const act = (name: string, fn: UnarySpec['fn'], method: UnarySpec['method'], ref: UnarySpec['ref'], extra: Partial<UnarySpec> = {}): UnarySpec =>
  ({ name, fn, method, ref, dtypes: FLOATS, domain: DOMAINS.wide, ...extra });

/** The activations `@nnkit/tensor` composes from primitives, with default and custom arguments. */
export const ACTIVATION_SPECS: readonly UnarySpec[] = [
  act('relu', T.relu, (x) => x.relu(), R.relu, { dtypes: ['float32', 'float64', 'int32'] }),
  act('leakyRelu', (x) => T.leakyRelu(x), (x) => x.leakyRelu(), R.leakyRelu()),
  act('leakyRelu(0.2)', (x) => T.leakyRelu(x, 0.2), (x) => x.leakyRelu(0.2), R.leakyRelu(0.2)),
  act('elu', (x) => T.elu(x), (x) => x.elu(), R.elu()),
  act('elu(0.5)', (x) => T.elu(x, 0.5), (x) => x.elu(0.5), R.elu(0.5)),
  act('gelu', (x) => T.gelu(x), (x) => x.gelu(), R.gelu),
  act("gelu('tanh')", (x) => T.gelu(x, 'tanh'), (x) => x.gelu('tanh'), R.geluTanh),
  act('softplus', (x) => T.softplus(x), (x) => x.softplus(), R.softplus()),
  act('softplus(2, 10)', (x) => T.softplus(x, 2, 10), (x) => x.softplus(2, 10), R.softplus(2, 10)),
  act('silu', T.silu, (x) => x.silu(), R.silu),
];

/** Activations against their PyTorch formulas evaluated in float64. */
export const activationsSection: Section = {
  name: 'activations',
  valueCases: (ctx) => ACTIVATION_SPECS.flatMap((s) => unaryCases(ctx, s)),
};
