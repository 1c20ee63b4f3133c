// Test helper: writes IDX bytes by hand, so tests can build good and hostile files.

/** IDX header + payload: `code` is the dtype byte, `dims` the declared dims. */
export function idxBytes(code: number, dims: readonly number[], payload: Uint8Array | readonly number[] = []): Uint8Array {
  const body = payload instanceof Uint8Array ? payload : Uint8Array.from(payload);
  const out = new Uint8Array(4 + 4 * dims.length + body.length);
  const view = new DataView(out.buffer);
  out[2] = code;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(body, 4 + 4 * dims.length);
  return out;
}

/** A uint8 IDX file holding `values` under `dims`. */
export function uint8Idx(dims: readonly number[], values: ArrayLike<number>): Uint8Array {
  return idxBytes(0x08, dims, Uint8Array.from(values));
}

/** MNIST-shaped image and label files for `labels.length` images whose pixels are `i + p` mod 256. */
export function fakeMnist(labels: readonly number[]): { images: Uint8Array; labels: Uint8Array } {
  const n = labels.length;
  const pixels = new Uint8Array(n * 784);
  for (let i = 0; i < n; i++) for (let p = 0; p < 784; p++) pixels[i * 784 + p] = (i + p) & 255;
  return { images: uint8Idx([n, 28, 28], pixels), labels: uint8Idx([n], labels) };
}
