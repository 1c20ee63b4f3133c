import { BackendError, type Backend, type DataHandle } from '@nnkit/core';

/**
 * One backend buffer shared by every view of it. Views are free because they only add a
 * reference; the buffer goes back to the backend when the last view lets go.
 */
export class Storage {
  private refs = 1;
  /**
   * Bumped by every in-place write to the buffer (`copy_`, the fused optimizer steps), as
   * PyTorch's version counter: autograd checks that what it saved for backward is unchanged.
   */
  version = 0;

  constructor(
    readonly backend: Backend,
    readonly data: DataHandle,
  ) {}

  /** Adds a reference (a new view or a saved tensor). */
  retain(): this {
    if (this.refs <= 0) throw new BackendError('storage: retain after the buffer was freed');
    this.refs++;
    return this;
  }

  /** Drops a reference; frees the buffer on the last one. */
  release(): void {
    if (this.refs <= 0) return;
    if (--this.refs === 0) this.backend.release(this.data);
  }

  /** True while some view still holds the buffer. */
  get alive(): boolean {
    return this.refs > 0;
  }
}
