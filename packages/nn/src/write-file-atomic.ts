import type { AtomicWriteOptions } from './io/atomic-write.js';

/**
 * Writes `bytes` to `path` atomically (temp file in the same folder, fsync, rename): readers
 * see the old file or the new one, never a partial one. Node only.
 *
 * @example await writeFileAtomic('run/checkpoint.json', new TextEncoder().encode(json));
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const { writeFileAtomic: write } = await import('./io/atomic-write.js');
  await write(path, bytes, options);
}
