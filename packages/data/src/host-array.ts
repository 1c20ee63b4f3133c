import { DTypeError, ShapeError, dtypeOfArray, formatShape, sizeOf, type DType, type TypedArray } from '@nnkit/core';

/**
 * Values with a shape and a dtype, held in a plain typed array in JS memory, not on a backend.
 *
 * It is how a sample says "I am a `[1, 28, 28]` float32 image" or "I am a float scalar" without
 * creating a tensor: the default collate batches `HostArray`s of one shape into one tensor of
 * shape `[batch, ...shape]`. `TensorDataset` returns its rows this way (views, no copy).
 *
 * @example
 * new HostArray(pixels, [1, 28, 28]);           // dtype from the array: Float32Array → float32
 * HostArray.scalar(0.5, 'float32');              // batches to a float32 tensor of shape [batch]
 */
export class HostArray {
  static {
    // A brand that survives module duplication: a worker thread recognises HostArrays made by
    // another copy of this package (see loader-worker.js).
    Object.defineProperty(this.prototype, Symbol.for('@nnkit/data.HostArray'), { value: true });
  }

  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly dtype: DType;

  /**
   * @param dtype defaults to the array's own (Float32Array → float32, Float64Array → float64,
   *   Int32Array → int32); a Uint8Array must say `'bool'`, because nnkit has no uint8 dtype and
   *   pixel bytes taken for booleans would be a silent bug (convert them with `toFloat`).
   */
  constructor(data: TypedArray, shape: readonly number[], dtype?: DType) {
    if (!(data instanceof Float32Array || data instanceof Float64Array || data instanceof Int32Array || data instanceof Uint8Array)) {
      const got = (data as object | null)?.constructor?.name ?? String(data);
      throw new DTypeError(`HostArray: data must be a Float32Array, Float64Array, Int32Array or Uint8Array, got ${got}`);
    }
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) throw new ShapeError(`HostArray: bad shape ${formatShape(shape)}`);
    }
    if (sizeOf(shape) !== data.length) {
      throw new ShapeError(`HostArray: shape ${formatShape(shape)} holds ${sizeOf(shape)} values, the array has ${data.length}`);
    }
    const natural = dtypeOfArray(data);
    if (dtype === undefined && natural === 'bool') {
      throw new DTypeError("HostArray: a Uint8Array needs dtype 'bool' said explicitly (for pixel bytes, convert with toFloat first)");
    }
    dtype ??= natural;
    if (natural !== dtype) {
      throw new DTypeError(`HostArray: a ${data.constructor.name} holds ${natural} values, not ${dtype}`);
    }
    this.data = data;
    this.shape = [...shape];
    this.dtype = dtype;
  }

  /** A 0-d array holding one value; a batch of them collates to shape `[batch]`. */
  static scalar(value: number, dtype: DType = 'float32'): HostArray {
    const data = dtype === 'float32' ? new Float32Array(1) : dtype === 'float64' ? new Float64Array(1) : dtype === 'int32' ? new Int32Array(1) : new Uint8Array(1);
    data[0] = value;
    return new HostArray(data, [], dtype);
  }

  /** Number of values (the product of the shape). */
  get size(): number {
    return this.data.length;
  }

  /** The same values under another shape of the same size (a view, no copy). */
  reshape(shape: readonly number[]): HostArray {
    return new HostArray(this.data, shape, this.dtype);
  }
}
