import { stack, tensor, Tensor } from '@nnkit/tensor';
import { collateHost, type CollateOptions, type HostNode } from './collate-host.js';
import type { HostArray } from './host-array.js';

/** Any typed array a sample field may be. */
type AnyTypedArray = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint16Array | Uint8Array | Uint8ClampedArray;

/**
 * The batch type the default collate makes from samples of type `T`: every number, boolean,
 * typed array, `HostArray` or tensor field becomes one `Tensor`, strings become `string[]`,
 * and arrays / objects keep their structure.
 */
export type Collated<T> = T extends Tensor | number | boolean | AnyTypedArray | HostArray
  ? Tensor
  : T extends string
    ? string[]
    : T extends readonly unknown[]
      ? { -readonly [K in keyof T]: Collated<T[K]> }
      : T extends object
        ? { -readonly [K in keyof T]: Collated<T[K]> }
        : never;

/** A function that turns a list of samples into one batch. */
export type CollateFn<T, B> = (samples: T[]) => B | Promise<B>;

/**
 * Makes a collate function with the given dtype choices (see `collateHost` for the rules);
 * tensor fields are stacked along a new first axis.
 *
 * @example
 * const collate = createCollate({ uint8: 'float32' }); // raw pixel bytes → float32 0…255
 * new DataLoader(mnist, { batchSize: 64, collate });
 */
export function createCollate(options: Omit<CollateOptions, 'leaf'> = {}): <T>(samples: T[]) => Collated<T> {
  const leaf = (values: unknown[]): Tensor | undefined =>
    values.every((v) => v instanceof Tensor) ? stack(values as Tensor[], 0) : undefined;
  return <T>(samples: T[]) => materialize(collateHost(samples, { ...options, leaf })) as Collated<T>;
}

/**
 * The collate a `DataLoader` uses unless given another: numbers → int32 `[B]`, typed arrays of
 * length `n` → `[B, n]` (Uint8Array → int32), `HostArray` of shape `s` → `[B, ...s]`,
 * tensors → `stack`, arrays and objects recursively.
 *
 * @example
 * defaultCollate([{ x: Float32Array.of(1, 2), y: 0 }, { x: Float32Array.of(3, 4), y: 1 }]);
 * // { x: Tensor [2, 2] float32, y: Tensor [2] int32 }
 */
export const defaultCollate: <T>(samples: T[]) => Collated<T> = createCollate();

/** Turns a `HostNode` tree into the batch it describes: each array node becomes a tensor. */
export function materialize(node: HostNode): unknown {
  switch (node.kind) {
    case 'array':
      return tensor(node.data, { dtype: node.dtype, shape: node.shape });
    case 'list':
      return node.items.map(materialize);
    case 'record':
      return Object.fromEntries(node.entries.map(([k, v]) => [k, materialize(v)]));
    case 'strings':
      return node.values;
    case 'value':
      return node.value;
  }
}
