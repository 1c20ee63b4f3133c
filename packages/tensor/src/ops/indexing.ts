import { DTypeError, ShapeError, ValueError, formatShape, normalizeAxis, type DType } from '@nnkit/core';
import { backendOf, fromKernel, record, viewOf } from '../dispatch.js';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';
import { eq } from './binary.js';
import { cast } from './cast.js';
import { arange } from './creation.js';
import { expand, reshape, unsqueeze } from './views.js';

function checkIndex(op: string, index: Tensor): void {
  if (index.dtype !== 'int32') throw new DTypeError(`${op}: index must be int32, got ${index.dtype}`);
}

/**
 * Throws when a class index is outside 0…n−1. Needs a synchronous read, so backends without
 * one skip the check (an out-of-range label then gives an all-zero row).
 */
function checkRange(op: string, labels: Tensor, n: number): void {
  if (!labels.backend.capabilities.syncRead || labels.size === 0) return;
  const values = labels.dataSync();
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0 || values[i] >= n) throw new ValueError(`${op}: class index ${values[i]} at position ${i} is outside 0…${n - 1}`);
  }
}

function checkGatherShapes(op: string, x: Tensor, axis: number, index: Tensor, what: string): void {
  if (index.ndim !== x.ndim || index.shape.some((d, i) => i !== axis && d > x.shape[i])) {
    throw new ShapeError(
      `${op}: index ${formatShape(index.shape)} does not fit ${what} ${formatShape(x.shape)} along axis ${axis} ` +
        '(same number of dims, no dim larger except the axis)',
    );
  }
}

/**
 * torch.gather: `out[i][j] = x[index[i][j]][j]` for axis 0 (and so on); shape of index.
 *
 * @example gather(tensor([[1, 2], [3, 4]]), 1, tensor([[1], [0]])) // [[2], [3]]
 */
export function gather(x: Tensor, axis: number, index: Tensor): Tensor {
  const backend = backendOf('gather', [x, index]);
  checkIndex('gather', index);
  const a = normalizeAxis(axis, x.ndim, 'gather');
  checkGatherShapes('gather', x, a, index, 'input');
  const data = backend.gather(viewOf(x, 'gather'), a, viewOf(index, 'gather'));
  return record('gather', [x, index], fromKernel(backend, data, index.shape, x.dtype), { axis: a });
}

/** torch.scatter_add: a copy of x with `src` added at `index` along `axis`. */
export function scatterAdd(x: Tensor, axis: number, index: Tensor, src: Tensor): Tensor {
  const backend = backendOf('scatterAdd', [x, index, src]);
  checkIndex('scatterAdd', index);
  const a = normalizeAxis(axis, x.ndim, 'scatterAdd');
  checkGatherShapes('scatterAdd', x, a, index, 'input');
  if (index.shape.some((d, i) => d > src.shape[i]) || src.ndim !== index.ndim) {
    throw new ShapeError(`scatterAdd: index ${formatShape(index.shape)} is larger than src ${formatShape(src.shape)}`);
  }
  return tidy(() => {
    const s = cast(src, x.dtype);
    const data = backend.scatterAdd(viewOf(x, 'scatterAdd'), a, viewOf(index, 'scatterAdd'), viewOf(s, 'scatterAdd'));
    return record('scatterAdd', [x, index, s], fromKernel(backend, data, x.shape, x.dtype), { axis: a });
  });
}

/** The entries of `x` at the 1-D int32 `index` along `axis` (as torch.index_select). */
export function indexSelect(x: Tensor, axis: number, index: Tensor): Tensor {
  checkIndex('indexSelect', index);
  if (index.ndim !== 1) throw new ShapeError(`indexSelect: index must be 1-D, got ${formatShape(index.shape)}`);
  const a = normalizeAxis(axis, x.ndim, 'indexSelect');
  return tidy(() => {
    const shape = x.shape.map((d, i) => (i === a ? index.shape[0] : d));
    const lifted = reshape(index, x.shape.map((_, i) => (i === a ? index.shape[0] : 1)));
    return gather(x, a, expand(lifted, shape));
  });
}

/** One-hot rows for int32 class indices: shape `[...labels.shape, numClasses]`. */
export function oneHot(labels: Tensor, numClasses: number, opts: { dtype?: DType } = {}): Tensor {
  checkIndex('oneHot', labels);
  checkRange('oneHot', labels, numClasses);
  return tidy(() => {
    const classes = arange(numClasses, undefined, 1, { backend: labels.backend, dtype: 'int32' });
    return cast(eq(unsqueeze(labels, -1), classes), opts.dtype ?? 'int32');
  });
}
