import { ValueError, broadcastShapes, isFloatDType, promoteTypes, type BinaryOp, type DType } from '@nnkit/core';
import { getBackend } from '../backend-registry.js';
import { backendOf, checkDType, fromKernel, record, scalarDType, scalarTensor, viewAs, type TensorLike } from '../dispatch.js';
import { Tensor } from '../tensor.js';
import { cast } from './cast.js';
import { broadcastStrides } from './views.js';

const COMPARISONS = new Set<BinaryOp>(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logicalAnd', 'logicalOr']);

/**
 * Turns two operands (tensors or scalars) into tensors of one dtype on one backend, with
 * PyTorch's promotion rules. `temps` are tensors made here that the caller must dispose.
 */
export function operands(op: string, a: TensorLike, b: TensorLike, floatOnly = false): { x: Tensor; y: Tensor; temps: Tensor[] } {
  const temps: Tensor[] = [];
  const anchor = a instanceof Tensor ? a : b instanceof Tensor ? b : null;
  const make = (v: TensorLike, other: TensorLike): Tensor => {
    if (v instanceof Tensor) return v;
    const otherDType: DType = other instanceof Tensor ? other.dtype : typeof other === 'boolean' ? 'bool' : Number.isInteger(other) ? 'int32' : 'float32';
    const t = scalarTensor(anchor ? anchor.backend : getBackend(), v, scalarDType(v, otherDType));
    temps.push(t);
    return t;
  };
  let x = make(a, b);
  let y = make(b, a);
  backendOf(op, [x, y]);
  let dtype = promoteTypes(x.dtype, y.dtype);
  if (floatOnly && !isFloatDType(dtype)) dtype = 'float32';
  if (x.dtype !== dtype) temps.push((x = cast(x, dtype)));
  if (y.dtype !== dtype) temps.push((y = cast(y, dtype)));
  return { x, y, temps };
}

/** As PyTorch: integers to negative integer powers are an error (checked where readable). */
function checkIntegerExponent(y: Tensor): void {
  if (!y.backend.capabilities.syncRead) return;
  const values = y.dataSync();
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0) throw new ValueError(`pow: integers to negative integer powers are not allowed (exponent ${values[i]}); cast to float first`);
  }
}

/** Runs one elementwise primitive of two operands with NumPy broadcasting and records it. */
export function binary(op: BinaryOp, a: TensorLike, b: TensorLike): Tensor {
  const { x, y, temps } = operands(op, a, b, op === 'div');
  try {
    if (op === 'pow' && x.dtype === 'int32') checkIntegerExponent(y);
    const backend = x.backend;
    const shape = broadcastShapes(x.shape, y.shape, op);
    const outDtype = COMPARISONS.has(op) ? 'bool' : x.dtype;
    checkDType(backend, x.dtype, op);
    const data = backend.binary(
      op,
      viewAs(x, op, shape, broadcastStrides(x, shape)),
      viewAs(y, op, shape, broadcastStrides(y, shape)),
      outDtype,
    );
    return record(op, [x, y], fromKernel(backend, data, shape, outDtype), {});
  } finally {
    for (const t of temps) t.dispose();
  }
}

/** a + b, broadcasting. */
export const add = (a: TensorLike, b: TensorLike): Tensor => binary('add', a, b);
/** a − b, broadcasting. */
export const sub = (a: TensorLike, b: TensorLike): Tensor => binary('sub', a, b);
/** a × b, broadcasting. */
export const mul = (a: TensorLike, b: TensorLike): Tensor => binary('mul', a, b);
/** a / b, true division: integers divide as float32. */
export const div = (a: TensorLike, b: TensorLike): Tensor => binary('div', a, b);
/** aᵇ */
export const pow = (a: TensorLike, b: TensorLike): Tensor => binary('pow', a, b);
/** Elementwise maximum; NaN wins. */
export const maximum = (a: TensorLike, b: TensorLike): Tensor => binary('maximum', a, b);
/** Elementwise minimum; NaN wins. */
export const minimum = (a: TensorLike, b: TensorLike): Tensor => binary('minimum', a, b);
/** a == b (bool). */
export const eq = (a: TensorLike, b: TensorLike): Tensor => binary('eq', a, b);
/** a != b (bool). */
export const ne = (a: TensorLike, b: TensorLike): Tensor => binary('ne', a, b);
/** a < b (bool). */
export const lt = (a: TensorLike, b: TensorLike): Tensor => binary('lt', a, b);
/** a <= b (bool). */
export const le = (a: TensorLike, b: TensorLike): Tensor => binary('le', a, b);
/** a > b (bool). */
export const gt = (a: TensorLike, b: TensorLike): Tensor => binary('gt', a, b);
/** a >= b (bool). */
export const ge = (a: TensorLike, b: TensorLike): Tensor => binary('ge', a, b);
/** a AND b, truthiness of each (bool). */
export const logicalAnd = (a: TensorLike, b: TensorLike): Tensor => binary('logicalAnd', a, b);
/** a OR b, truthiness of each (bool). */
export const logicalOr = (a: TensorLike, b: TensorLike): Tensor => binary('logicalOr', a, b);
