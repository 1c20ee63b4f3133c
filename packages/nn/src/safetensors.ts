import type { Backend, TypedArray } from '@nnkit/core';
import { tensor, type Tensor } from '@nnkit/tensor';
import { decodeSafetensors } from './io/safetensors-decode.js';
import { encodeSafetensors } from './io/safetensors-encode.js';
import type { RawTensor } from './io/raw-tensor.js';

/** A state dict read back from safetensors, with the file's metadata. */
export interface LoadedStateDict {
  readonly tensors: Record<string, Tensor>;
  readonly metadata: Record<string, string>;
}

async function toRaw(stateDict: Record<string, Tensor>): Promise<Record<string, RawTensor>> {
  const raw: Record<string, RawTensor> = {};
  for (const [key, t] of Object.entries(stateDict)) raw[key] = { dtype: t.dtype, shape: [...t.shape], data: (await t.data()) as TypedArray };
  return raw;
}

function fromRaw(raw: Record<string, RawTensor>, backend?: Backend): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [key, r] of Object.entries(raw)) out[key] = tensor(r.data, { shape: r.shape, dtype: r.dtype, backend });
  return out;
}

/**
 * A state dict as safetensors bytes (keys as given, e.g. PyTorch's `0.weight`), readable by
 * Hugging Face's safetensors / PyTorch.
 *
 * @example const bytes = await serializeSafetensors(model.stateDict(), { format: 'pt' });
 */
export async function serializeSafetensors(stateDict: Record<string, Tensor>, metadata?: Record<string, string>): Promise<Uint8Array> {
  return encodeSafetensors(await toRaw(stateDict), metadata);
}

/** Tensors (on `backend`, default the current one) from safetensors bytes; `file` names errors. */
export function deserializeSafetensors(bytes: Uint8Array, options: { backend?: Backend; file?: string } = {}): LoadedStateDict {
  const { tensors, metadata } = decodeSafetensors(bytes, options.file ?? '<buffer>');
  return { tensors: fromRaw(tensors, options.backend), metadata };
}

/**
 * Writes a state dict to a safetensors file atomically (temp file, fsync, rename): an error
 * or crash never leaves a partial file. Node only.
 */
export async function saveSafetensors(path: string, stateDict: Record<string, Tensor>, metadata?: Record<string, string>): Promise<void> {
  const { saveSafetensorsFile } = await import('./io/safetensors-file.js');
  await saveSafetensorsFile(path, await toRaw(stateDict), metadata);
}

/** Reads a safetensors file into tensors; a malformed file throws `FormatError` naming it. Node only. */
export async function loadSafetensors(path: string, options: { backend?: Backend } = {}): Promise<LoadedStateDict> {
  const { loadSafetensorsFile } = await import('./io/safetensors-file.js');
  const { tensors, metadata } = await loadSafetensorsFile(path);
  return { tensors: fromRaw(tensors, options.backend), metadata };
}
