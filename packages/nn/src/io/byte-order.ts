/** True when this machine stores multi-byte numbers little-endian first (almost all do). */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Copies `src` into `dest` at `offset`, converting elements of `size` bytes between
 * little-endian and host order (the same swap works both ways). Bytes are moved, never
 * read as numbers, so NaN payloads survive.
 */
export function copySwappingToLittleEndian(
  src: Uint8Array,
  dest: Uint8Array,
  offset: number,
  size: number,
  hostIsLittleEndian = HOST_IS_LITTLE_ENDIAN,
): void {
  if (hostIsLittleEndian || size === 1) {
    dest.set(src, offset);
    return;
  }
  for (let i = 0; i < src.length; i += size) {
    for (let b = 0; b < size; b++) dest[offset + i + b] = src[i + size - 1 - b];
  }
}

/** The bytes of a typed array, as a view (no copy). */
export function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
