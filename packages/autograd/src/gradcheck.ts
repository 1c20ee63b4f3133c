import { AutogradError, DTypeError } from '@nnkit/core';
import { concat, randn, tensor, tidy, zeros, type Tensor } from '@nnkit/tensor';
import { grad } from './grad.js';
import { noGrad } from './grad-mode.js';

/** Tolerances of `gradcheck`: |analytic − numeric| ≤ atol + rtol·|numeric|. */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  readonly eps?: number;
  readonly atol?: number;
  readonly rtol?: number;
}

function readAll(t: Tensor): Float64Array {
  return Float64Array.from(t.dataSync());
}

/** d out / d input[i] by central differences, as a [outSize × inSize] row-major matrix. */
function numericJacobian(fn: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], i: number, eps: number, outSize: number): Float64Array {
  const x = inputs[i];
  const base = readAll(x);
  const jac = new Float64Array(outSize * base.length);
  const evalAt = (values: Float64Array) =>
    tidy(() => {
      // Still requiring grad: the function may itself differentiate (gradgradcheck).
      const moved = tensor(values, { shape: x.shape, dtype: 'float64', backend: x.backend, requiresGrad: true });
      const args = inputs.map((t, j) => (j === i ? moved : t));
      return readAll(fn(...args));
    });
  for (let k = 0; k < base.length; k++) {
    const plus = base.slice();
    const minus = base.slice();
    plus[k] += eps;
    minus[k] -= eps;
    const fp = evalAt(plus);
    const fm = evalAt(minus);
    for (let j = 0; j < outSize; j++) jac[j * base.length + k] = (fp[j] - fm[j]) / (2 * eps);
  }
  return jac;
}

/** d out / d inputs by backward passes with one-hot output gradients. */
function analyticJacobians(fn: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], wrt: readonly number[]): { out: number; jacs: Float64Array[] } {
  return tidy(() => {
    const out = fn(...inputs);
    if (!out.requiresGrad) throw new AutogradError('gradcheck: the function output does not require grad');
    const jacs = wrt.map((i) => new Float64Array(out.size * inputs[i].size));
    for (let j = 0; j < out.size; j++) {
      const seed = new Float64Array(out.size);
      seed[j] = 1;
      const gradOut = tensor(seed, { shape: out.shape, dtype: out.dtype, backend: out.backend });
      const gs = grad(out, wrt.map((i) => inputs[i]), { gradOutputs: [gradOut], retainGraph: true, allowUnused: true });
      gs.forEach((g, w) => {
        if (!g) return;
        const row = readAll(g);
        jacs[w].set(row, j * row.length);
      });
    }
    return { out: out.size, jacs };
  });
}

/**
 * Checks analytic gradients of `fn` against central finite differences, in float64, as
 * `torch.autograd.gradcheck` does. Inputs that require grad must be float64. Throws an
 * `AutogradError` describing the first mismatch; returns true otherwise.
 *
 * @example
 * const x = randn([3], { dtype: 'float64', requiresGrad: true });
 * gradcheck((x) => x.sin().mul(x).sum(), [x]); // true
 */
export function gradcheck(fn: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): boolean {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3 } = options;
  const wrt = inputs.flatMap((t, i) => (t.requiresGrad ? [i] : []));
  if (wrt.length === 0) throw new AutogradError('gradcheck: no input requires grad');
  for (const i of wrt) {
    if (inputs[i].dtype !== 'float64') {
      throw new DTypeError(`gradcheck: input ${i} is ${inputs[i].dtype}; finite differences need float64 inputs`);
    }
  }
  const { out, jacs } = analyticJacobians(fn, inputs, wrt);
  wrt.forEach((i, w) => {
    const numeric = numericJacobian(fn, inputs, i, eps, out);
    const analytic = jacs[w];
    const n = inputs[i].size;
    for (let k = 0; k < numeric.length; k++) {
      const a = analytic[k];
      const b = numeric[k];
      if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
        throw new AutogradError(
          `gradcheck: Jacobian mismatch for input ${i} [${inputs[i].shape.join(',')}] at output element ${Math.floor(k / n)}, ` +
            `input element ${k % n}: analytic ${a}, numerical ${b} (atol ${atol}, rtol ${rtol})`,
        );
      }
    }
  });
  return true;
}

/**
 * Checks second derivatives: gradcheck of the function that maps inputs (and a fixed random
 * output gradient) to the input gradients computed with `createGraph`.
 */
export function gradgradcheck(fn: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): boolean {
  const wrt = inputs.flatMap((t, i) => (t.requiresGrad ? [i] : []));
  const outShape = tidy(() => noGrad(() => fn(...inputs)).shape);
  const first = inputs.find((t) => t.requiresGrad);
  const gradOut = randn(outShape, { dtype: 'float64', backend: first?.backend, requiresGrad: true });
  try {
    const n = inputs.length;
    const gradFn = (...xs: Tensor[]) => {
      const out = fn(...xs.slice(0, n));
      const gs = grad(out, wrt.map((i) => xs[i]), { gradOutputs: [xs[n]], createGraph: true, allowUnused: true });
      return concat(gs.map((g, w) => (g ?? zeros(xs[wrt[w]].shape, { dtype: 'float64', backend: xs[n].backend })).reshape(-1)));
    };
    return gradcheck(gradFn, [...inputs, gradOut], options);
  } finally {
    gradOut.dispose();
  }
}
