import { freeResident, type Resident } from './resident.js';

/**
 * One immutable generation of a buffer's contents. A kernel result is a new version; `assign`
 * gives its buffer a new version too, so work queued earlier keeps reading the old one. A
 * version may still be pending (WebGPU kernels answer with promises); it is freed once it is
 * dead (released or replaced) and no queued kernel still needs it (`pins`).
 */
export class Version {
  /** The device data once settled; null for an empty buffer or while pending. */
  value: Resident | null = null;
  settled = false;
  error: unknown = null;
  private ready: Promise<void> | null = null;
  private pins = 0;
  private dead = false;
  private freed = false;

  constructor(readonly size: number) {}

  /** A version that is ready now. */
  static of(size: number, value: Resident | null): Version {
    const v = new Version(size);
    v.settle(value);
    return v;
  }

  /** A version that becomes ready when `work` resolves. */
  static later(size: number, work: Promise<Resident | null>): Version {
    const v = new Version(size);
    v.ready = work.then(
      (r) => v.settle(r),
      (e: unknown) => v.fail(e),
    );
    return v;
  }

  settle(value: Resident | null): void {
    this.value = value;
    this.settled = true;
    this.maybeFree();
  }

  fail(error: unknown): void {
    this.error = error;
    this.settled = true;
  }

  /** Resolves with the device data, or rejects with the error that produced this version. */
  async whenReady(): Promise<Resident | null> {
    if (!this.settled && this.ready) await this.ready;
    if (this.error !== null) throw this.error;
    return this.value;
  }

  /** Keeps the data alive for a kernel that has been queued but not yet submitted. */
  pin(): void {
    this.pins++;
  }

  unpin(): void {
    this.pins--;
    this.maybeFree();
  }

  /** No one will ask for this version again; free it once the queued readers are done. */
  kill(): void {
    this.dead = true;
    this.maybeFree();
  }

  private maybeFree(): void {
    if (!this.dead || this.pins > 0 || !this.settled || this.freed) return;
    this.freed = true;
    if (this.value !== null) freeResident(this.value);
    this.value = null;
  }
}
