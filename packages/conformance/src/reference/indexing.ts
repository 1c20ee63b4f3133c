import type { DType } from '@nnkit/core';
import { NdArray, forEachIndex } from './ndarray.js';
import { logsumexpOf } from './reductions.js';

/** torch.gather along `axis` (non-negative): the output has index's shape. */
export function gatherRef(x: NdArray, axis: number, index: NdArray): NdArray {
  return NdArray.fromFn(index.shape, x.dtype, (i) => x.at(i.map((v, d) => (d === axis ? index.at(i) : v))));
}

/** torch.scatter_add: a copy of x with src[i] added at index[i] along `axis`. */
export function scatterAddRef(x: NdArray, axis: number, index: NdArray, src: NdArray): NdArray {
  const out = x.toArray();
  const strides = x.shape.map((_, d) => x.shape.slice(d + 1).reduce((p, q) => p * q, 1));
  forEachIndex(index.shape, (i) => {
    const target = i.map((v, d) => (d === axis ? index.at(i) : v));
    const pos = target.reduce((s, v, d) => s + v * strides[d], 0);
    out[pos] = x.dtype === 'int32' ? (out[pos] + src.at(i)) | 0 : out[pos] + src.at(i);
  });
  return NdArray.of(out, x.shape, x.dtype);
}

/** torch.index_select with a 1-d index along `axis`. */
export function indexSelectRef(x: NdArray, axis: number, index: NdArray): NdArray {
  const shape = x.shape.map((d, i) => (i === axis ? index.size : d));
  return NdArray.fromFn(shape, x.dtype, (i) => x.at(i.map((v, d) => (d === axis ? index.at([v]) : v))));
}

/** One-hot rows `[...labels.shape, numClasses]` of `dtype`. */
export function oneHotRef(labels: NdArray, numClasses: number, dtype: DType): NdArray {
  return NdArray.fromFn([...labels.shape, numClasses], dtype, (i) => (labels.at(i.slice(0, -1)) === i[i.length - 1] ? 1 : 0));
}

/** Per-row `logsumexp(logits[n]) − logits[n][label[n]]`. */
export function softmaxCrossEntropyRef(logits: NdArray, labels: NdArray): NdArray {
  const [n, c] = logits.shape;
  return NdArray.fromFn([n], logits.dtype, ([r]) => {
    const row = Array.from({ length: c }, (_, j) => logits.at([r, j]));
    return logsumexpOf(row) - row[labels.at([r])];
  });
}
