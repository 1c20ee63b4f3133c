import { type BinaryOp, type DType, DTypeError, type UnaryOp, ValueError, type View } from '@nnkit/core';
import type { GpuContext } from '../context.js';
import type { Version } from '../version.js';
import { binarySnippet, isBinaryOp, isUnaryOp, unarySnippet } from './elementwise-ops.js';
import { mapViews } from './map-views.js';

/** `out[i] = op(x[i])`. */
export function unary(ctx: GpuContext, op: UnaryOp, x: View, outDtype: DType): Version {
  if (!isUnaryOp(op)) throw new ValueError(`${ctx.name}: unary: unknown op '${String(op)}'`);
  return mapViews(ctx, `unary:${op}`, [x], ['v'], unarySnippet(op), outDtype);
}

/** `out[i] = a[i] op b[i]`; a and b share shape and dtype. */
export function binary(ctx: GpuContext, op: BinaryOp, a: View, b: View, outDtype: DType): Version {
  if (!isBinaryOp(op)) throw new ValueError(`${ctx.name}: binary: unknown op '${String(op)}'`);
  if (a.dtype !== b.dtype) throw new DTypeError(`${ctx.name}: binary ${op}: operands have dtypes ${a.dtype} and ${b.dtype} (they must match)`);
  return mapViews(ctx, `binary:${op}:${a.dtype}`, [a, b], ['a', 'b'], binarySnippet(op, a.dtype), outDtype);
}

/** `cond ? a : b` elementwise. */
export function where(ctx: GpuContext, cond: View, a: View, b: View, outDtype: DType): Version {
  if (cond.dtype !== 'bool') throw new DTypeError(`${ctx.name}: where: condition must be bool, got ${cond.dtype}`);
  return mapViews(ctx, 'where', [cond, a, b], ['c', 'a', 'b'], ['let y = b;', 'if (!(c == 0.0)) { y = a; }'], outDtype);
}

/** A contiguous copy converted to `dtype` (to int32 truncates toward zero, to bool is x ≠ 0). */
export function cast(ctx: GpuContext, x: View, dtype: DType): Version {
  return mapViews(ctx, 'cast', [x], ['v'], ['let y = v;'], dtype);
}

/** A contiguous copy of a view, same dtype. */
export function copy(ctx: GpuContext, x: View): Version {
  return mapViews(ctx, 'copy', [x], ['v'], ['let y = v;'], x.dtype);
}
