import type { DataHandle, DType } from '@nnkit/core';
import type { Version } from './version.js';

/**
 * The `DataHandle` this backend hands out: a dtype, a size and the current `Version` of the
 * contents. `assign` swaps the version; `release` kills it.
 */
export class GpuBuffer implements DataHandle {
  released = false;

  constructor(
    readonly owner: object,
    readonly size: number,
    readonly dtype: DType,
    public version: Version,
  ) {}
}
