/**
 * What one buffer version holds on the device, as gpu.js hands it back: a GL texture, a WebGPU
 * storage-buffer handle, or (CPU fallback) a plain Float32Array. Every element is a float32,
 * whatever the nnkit dtype, because that is the one storage type every gpu.js backend shares.
 */
export type Resident = GlTextureLike | WebGpuResultLike | Float32Array;

/** The part of gpu.js's GL `Texture` we use. */
export interface GlTextureLike {
  readonly type: string;
  toArray(): unknown;
  delete(): void;
}

/** The part of gpu.js's `WebGPUBufferResult` we use. */
export interface WebGpuResultLike {
  readonly type: 'WebGPUBuffer';
  toArray(): Promise<unknown>;
  delete(): void;
}

/** Frees what a resident holds (typed arrays are left to the garbage collector). */
export function freeResident(r: Resident): void {
  if (!(r instanceof Float32Array)) r.delete();
}

/** Reads a resident back as exactly `size` float32 values. */
export async function readResident(r: Resident, size: number): Promise<Float32Array> {
  if (r instanceof Float32Array) return r.slice(0, size);
  return toFloat32(await r.toArray(), size);
}

/** The synchronous read; only GL textures and typed arrays can do it. */
export function readResidentSync(r: Resident, size: number): Float32Array {
  if (r instanceof Float32Array) return r.slice(0, size);
  const out = r.toArray();
  if (out instanceof Promise) throw new TypeError('readResidentSync: this resident reads asynchronously');
  return toFloat32(out, size);
}

function toFloat32(values: unknown, size: number): Float32Array {
  if (values instanceof Float32Array) return values.length === size ? values : values.slice(0, size);
  if (Array.isArray(values) || ArrayBuffer.isView(values)) return Float32Array.from(values as ArrayLike<number>).slice(0, size);
  throw new TypeError(`gpu.js returned ${Object.prototype.toString.call(values)} where a flat array was expected`);
}
