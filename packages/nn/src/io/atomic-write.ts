import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Options of `writeFileAtomic`. */
export interface AtomicWriteOptions {
  /**
   * Runs after the temp file is complete and flushed, just before the rename: lets a test
   * kill the process at the worst moment and check that the old file survived.
   */
  readonly beforeRename?: (tempPath: string) => void | Promise<void>;
}

/**
 * Writes `bytes` to `path` so that readers see either the old file or the whole new one:
 * the bytes go to a uniquely named temp file in the same folder, are flushed to disk, and
 * the temp file is renamed over `path` (then the folder is flushed where the OS allows).
 * On any failure the temp file is removed and the error rethrown; `path` is untouched.
 * An existing target's permission bits are kept, and a symlink at `path` is written through.
 *
 * @example await writeFileAtomic('model.safetensors', encodeSafetensors(tensors));
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  // Like fs.writeFile, write through a symlink rather than replacing the link itself.
  const target = await fs.realpath(path).catch(() => path);
  const folder = dirname(target);
  const temp = join(folder, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const mode = await fs.stat(target).then(
    (stats) => (stats.isFile() ? stats.mode & 0o7777 : undefined),
    () => undefined,
  );
  let handle: fs.FileHandle | undefined;
  try {
    // 'wx' refuses to follow or reuse anything already at the temp name.
    handle = await fs.open(temp, 'wx', mode ?? 0o666);
    if (mode !== undefined) await handle.chmod(mode);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await options.beforeRename?.(temp);
    await fs.rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** Makes the rename itself durable; some systems (Windows, some network mounts) refuse. */
async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // The file is already in place; only crash-durability of the rename is lost.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
