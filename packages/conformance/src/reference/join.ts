import type { DType } from '@nnkit/core';
import { NdArray } from './ndarray.js';

/** torch.cat along `axis` (non-negative), converting every input to `dtype`. */
export function concatRef(arrays: readonly NdArray[], axis: number, dtype: DType): NdArray {
  const shape = [...arrays[0].shape];
  shape[axis] = arrays.reduce((n, a) => n + a.shape[axis], 0);
  const starts: number[] = [];
  arrays.reduce((s, a) => (starts.push(s), s + a.shape[axis]), 0);
  return NdArray.fromFn(shape, dtype, (index) => {
    let k = arrays.length - 1;
    while (starts[k] > index[axis] || arrays[k].shape[axis] === 0) k--;
    return arrays[k].at(index.map((v, d) => (d === axis ? v - starts[k] : v)));
  });
}

/** torch.stack along `axis` (non-negative, up to ndim). */
export function stackRef(arrays: readonly NdArray[], axis: number): NdArray {
  const lifted = arrays.map((a) => a.reshape([...a.shape.slice(0, axis), 1, ...a.shape.slice(axis)]));
  return concatRef(lifted, axis, arrays[0].dtype);
}

/** torch.split: pieces of the given sizes along `axis`. */
export function splitRef(x: NdArray, sizes: readonly number[], axis: number): NdArray[] {
  let start = 0;
  return sizes.map((s) => {
    const specs = x.shape.map(() => null as null | [number, number]);
    specs[axis] = [start, start + s];
    start += s;
    return x.slice(specs);
  });
}
