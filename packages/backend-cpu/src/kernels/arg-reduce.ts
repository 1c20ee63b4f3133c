import { ValueError, formatShape } from '@nnkit/core';
import type { ArgReduceOp } from '@nnkit/core';
import { permute, readContiguous } from '../strided.js';
import type { Strided } from '../strided.js';

/**
 * int32 index of the first maximum (`argmax`) or minimum (`argmin`) along `axis`; the axis is
 * removed from the shape. A NaN beats every number, and the first NaN wins, as in PyTorch.
 *
 * @example argReduceKernel('argmax', rowsOf([[1, 3, 3]]), 1) // Int32Array [1]
 */
export function argReduceKernel(op: ArgReduceOp, x: Strided, axis: number): Int32Array {
  if (op !== 'argmax' && op !== 'argmin') throw new ValueError(`argReduce: unknown op '${String(op)}'`);
  const nd = x.shape.length;
  // A 0-d tensor is its own single element along axis 0, as torch.argmax(scalar, 0) is 0.
  if (nd === 0 && axis === 0) return new Int32Array(1);
  if (!Number.isInteger(axis) || axis < 0 || axis >= nd) {
    throw new ValueError(`${op}: axis ${axis} is out of range for a tensor with ${nd} dimension(s)`);
  }
  const run = x.shape[axis];
  if (run === 0) {
    throw new ValueError(`${op}: cannot reduce an empty dimension (shape ${formatShape(x.shape)}, axis ${axis})`);
  }
  const order = [...x.shape.keys()].filter((d) => d !== axis);
  order.push(axis);
  const { shape, strides } = permute(x.shape, x.strides, order);
  const data = readContiguous({ array: x.array, shape, strides, offset: x.offset });
  const groups = data.length / run;
  const out = new Int32Array(groups);
  const isMax = op === 'argmax';
  for (let g = 0; g < groups; g++) {
    const start = g * run;
    let best = data[start];
    let at = 0;
    for (let j = 1; j < run && best === best; j++) {
      const v = data[start + j];
      if (v !== v || (isMax ? v > best : v < best)) {
        best = v;
        at = j;
      }
    }
    out[g] = at;
  }
  return out;
}
