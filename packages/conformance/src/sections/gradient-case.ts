import { broadcastShapes, isFloatDType, sizeOf, type Backend, type DType } from '@nnkit/core';
import { grad, gradcheck } from '@nnkit/autograd';
import * as T from '@nnkit/tensor';
import type { Tensor } from '@nnkit/tensor';
import type { Check, ValueCase } from '../case.js';
import type { SuiteContext } from '../context.js';
import { DOMAINS, generatorFor, sampleValues, type Domain } from '../domains.js';
import { NdArray } from '../reference/ndarray.js';
import { applyViews, buildReference, layoutInput, type InputSpec, type Layout } from '../samples.js';

/**
 * One differentiable op on one set of inputs. Float inputs are differentiated: the leaf is the
 * contiguous base and the input's views (transpose, strided slice, expand) are applied inside
 * the differentiated function, so their gradients are checked too. Other inputs (indices,
 * labels, conditions) are constants.
 */
export interface GradSpec {
  readonly op: string;
  /** What the inputs are: `transposed`, `broadcast [3,1] · [4]`. */
  readonly sample: string;
  /** Float inputs are given as float32; each run sets the dtype it checks. */
  readonly inputs: readonly InputSpec[];
  readonly fn: (xs: readonly Tensor[]) => Tensor | readonly Tensor[];
  /**
   * Terms summed into one gradient element (broadcast fan-in, reduction or matmul length), for
   * the √n rule when float32 gradients are compared with float64 ones; 1 when absent.
   */
  readonly combined?: number;
}

const isFloatInput = (s: InputSpec): boolean => isFloatDType(s.dtype);

/** The spec's inputs with float ones in `dtype`, views kept or stripped. */
function inputsIn(spec: GradSpec, dtype: DType, views: boolean): InputSpec[] {
  return spec.inputs.map((s) => ({ ...s, dtype: isFloatInput(s) ? dtype : s.dtype, views: views ? s.views : undefined }));
}

/** The output gradients the op is seeded with: fixed values (float32-exact), one per output. */
function seeds(name: string, outs: readonly Tensor[], dtype: DType): Tensor[] {
  return outs.map((o, k) => {
    const values = sampleValues(DOMAINS.real, 'float64', o.size, generatorFor(`${name}/seed${k}`)).map(Math.fround);
    return T.tensor(Float64Array.from(values), { shape: o.shape, dtype, backend: o.backend });
  });
}

const listOf = (out: Tensor | readonly Tensor[]): readonly Tensor[] => (Array.isArray(out) ? (out as readonly Tensor[]) : [out as Tensor]);

/**
 * The vector-Jacobian product of the op at `bases` (float ones are the leaves; views applied
 * here) with the seed gradients named after `name`: one gradient per float input, zeros
 * where it is unused. Call it inside `tidy`.
 */
export function vjp(spec: GradSpec, name: string, bases: readonly Tensor[], dtype: DType): Tensor[] {
  const leaves = bases.filter((_, i) => isFloatInput(spec.inputs[i]));
  for (const l of leaves) l.requiresGrad_(true);
  const xs = bases.map((b, i) => applyViews(b, spec.inputs[i].views).at(-1) ?? b);
  const outs = listOf(spec.fn(xs));
  const grads = grad(outs, leaves, { gradOutputs: seeds(name, outs, dtype), allowUnused: true });
  return grads.map((g, k) => g ?? T.zerosLike(leaves[k]));
}

/** Runs `fn` with `backend` as the current one (the reference computes in its own world). */
export function onBackend<R>(backend: Backend, fn: () => R): R {
  const previous = T.hasBackend() ? T.getBackend() : null;
  T.setBackend(backend);
  try {
    return fn();
  } finally {
    if (previous !== null) T.setBackend(previous);
  }
}

/**
 * The case that compares the backend's `dtype` gradients with the float64 gradients of the
 * reference backend on the same (rounded) inputs and seeds, within the backend's tolerance
 * widened by the √n rule.
 *
 * @example
 * const spec: GradSpec = { op: 'exp', sample: 'strided', inputs: [floatInput('strided', [2, 3], DOMAINS.real, 'x')], fn: ([x]) => x.exp() };
 * gradValueCase(ctx, spec, 'float32'); // '∂ exp · float32 · strided', for runValueCase or extraSections
 */
export function gradValueCase(ctx: SuiteContext, spec: GradSpec, dtype: DType): ValueCase {
  const reference = ctx.reference;
  if (reference === null) throw new Error(`gradients: ${spec.op} needs a float64 reference backend`);
  const name = `∂ ${spec.op} · ${dtype} · ${spec.sample}`;
  return {
    name,
    op: `∂ ${spec.op}`,
    dtype,
    inputs: inputsIn(spec, dtype, false),
    combined: spec.combined,
    run: (bases) => T.tidy(() => vjp(spec, name, bases, dtype)),
    expected: (refs) =>
      onBackend(reference, () =>
        T.tidy(() => {
          const bases = refs.map((r, i) =>
            T.tensor(Float64Array.from(r.toArray()), { shape: r.shape, dtype: isFloatInput(spec.inputs[i]) ? 'float64' : r.dtype }),
          );
          return vjp(spec, name, bases, 'float64').map((g) => NdArray.of(g.dataSync(), g.shape, dtype));
        }),
      ),
  };
}

/**
 * `gradcheck` in float64 (central differences, PyTorch's eps 1e-6, atol 1e-5, rtol 1e-3) of
 * the op projected onto the fixed seeds: `Σ seed · op(x)`, whose gradient is the whole
 * vector-Jacobian product, one backward pass instead of one per output element.
 *
 * @example await gradcheckCase(spec).run(); // throws AutogradError naming the first mismatch
 */
export function gradcheckCase(spec: GradSpec): Check {
  const name = `gradcheck ${spec.op} · float64 · ${spec.sample}`;
  return {
    name,
    run: () =>
      T.tidy(() => {
        const inputs = inputsIn(spec, 'float64', false);
        const bases = inputs.map((s) => T.tensor(Float64Array.from(s.values), { shape: s.shape, dtype: s.dtype }));
        const leafAt = inputs.flatMap((s, i) => (isFloatInput(s) ? [i] : []));
        const w: Tensor[] = [];
        const projected = (...leaves: Tensor[]): Tensor => {
          const args = bases.map((b, i) => (leafAt.includes(i) ? leaves[leafAt.indexOf(i)] : b));
          const xs = args.map((b, i) => applyViews(b, spec.inputs[i].views).at(-1) ?? b);
          const outs = listOf(spec.fn(xs));
          // Made on the first call (it gives the output shapes), kept across gradcheck's scopes.
          if (w.length === 0) w.push(...seeds(name, outs, 'float64').map((t) => T.keep(t)));
          return outs.map((o, k) => o.mul(w[k]).sum()).reduce((a, b) => a.add(b));
        };
        for (const i of leafAt) bases[i].requiresGrad_(true);
        try {
          gradcheck(projected, leafAt.map((i) => bases[i]));
        } finally {
          for (const t of w) t.dispose();
        }
      }),
  };
}

/** A float input for a gradient case, its values seeded from `seed`. */
export function floatInput(layout: Layout, shape: readonly number[], domain: Domain, seed: string): InputSpec {
  return layoutInput(layout, shape, 'float32', domain, generatorFor(seed));
}

/**
 * The fan-in of a gradient: how many output elements at most feed one base element's
 * gradient, when a broadcast or expanded operand sums them (ops whose inputs do not
 * broadcast together, like concat, count only their own expansion).
 */
export function fanIn(inputs: readonly InputSpec[]): number {
  const shapes = inputs.map((s) => buildReference(s).shape);
  let n: number;
  try {
    n = sizeOf(shapes.reduce<number[]>((acc, s) => broadcastShapes(acc, s), []));
  } catch {
    n = Math.max(...shapes.map(sizeOf));
  }
  return Math.max(1, ...inputs.filter(isFloatInput).map((s) => Math.ceil(n / Math.max(1, sizeOf(s.shape)))));
}
