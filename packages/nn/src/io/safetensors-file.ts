import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';
import type { RawTensor, SafetensorsContents } from './raw-tensor.js';
import { decodeSafetensors } from './safetensors-decode.js';
import { encodeSafetensors } from './safetensors-encode.js';

/**
 * Saves tensors as a safetensors file, atomically: a crash or error never leaves a partial
 * file at `path` (see `writeFileAtomic`).
 *
 * @example await saveSafetensorsFile('model.safetensors', tensors, { format: 'pt' });
 */
export async function saveSafetensorsFile(
  path: string,
  tensors: Record<string, RawTensor>,
  metadata?: Record<string, string>,
): Promise<void> {
  await writeFileAtomic(path, encodeSafetensors(tensors, metadata));
}

/**
 * Loads a safetensors file; a malformed file throws `FormatError` naming `path`, and a
 * missing or unreadable one throws Node's error (which names it too).
 *
 * @example const { tensors, metadata } = await loadSafetensorsFile('model.safetensors');
 */
export async function loadSafetensorsFile(path: string): Promise<SafetensorsContents> {
  return decodeSafetensors(await readFile(path), path);
}
