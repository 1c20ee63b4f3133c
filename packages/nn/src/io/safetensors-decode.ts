import { FormatError, ValueError } from '@nnkit/core';
import type { RawTensor, SafetensorsContents } from './raw-tensor.js';
import { convertFromSafetensors } from './safetensors-convert.js';
import { type HeaderEntry, parseSafetensorsHeader } from './safetensors-header.js';

/**
 * Decodes a safetensors file. Every malformed or hostile input (bad lengths, bad JSON,
 * wrong field types, offsets that overlap, leave gaps or run off the end, …) throws
 * `FormatError` naming `file` and what is wrong. F16/BF16 load as float32; integer codes
 * load as int32 (an I64/U64/U32 value that does not fit throws); BOOL loads as bool.
 * Returned arrays own their memory (they never alias `bytes`).
 *
 * @example
 * const { tensors, metadata } = decodeSafetensors(bytes, 'model.safetensors');
 * tensors['fc1.weight'].shape; // e.g. [128, 784]
 */
export function decodeSafetensors(bytes: Uint8Array, file = '<buffer>'): SafetensorsContents {
  if (!(bytes instanceof Uint8Array)) throw new ValueError(`decodeSafetensors: expected a Uint8Array for ${file}`);
  const { entries, metadata, dataStart } = parseSafetensorsHeader(bytes, file);
  checkTiling(entries, bytes.length - dataStart, file);

  const tensors = entries.map(({ name, code, dtype, shape, count, begin, end }): [string, RawTensor] => {
    const slice = bytes.subarray(dataStart + begin, dataStart + end);
    const data = convertFromSafetensors(code, slice, count, (index, value) => {
      throw new FormatError(file, `tensor '${name}': ${code} value ${value} at index ${index} does not fit in int32`);
    });
    return [name, { dtype, shape: [...shape], data }];
  });
  // fromEntries defines properties, so a tensor named "__proto__" stays a plain entry.
  return { tensors: Object.fromEntries(tensors), metadata };
}

/** The reference reader requires the tensors to cover the data buffer exactly, in order. */
function checkTiling(entries: HeaderEntry[], dataLength: number, file: string): void {
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let previous: HeaderEntry | undefined;
  for (const entry of sorted) {
    if (entry.begin < covered && previous !== undefined) {
      throw new FormatError(
        file,
        `tensor '${entry.name}' (bytes ${entry.begin}..${entry.end}) overlaps tensor '${previous.name}' (bytes ${previous.begin}..${previous.end})`,
      );
    }
    if (entry.begin > covered) {
      throw new FormatError(
        file,
        `data bytes ${covered}..${entry.begin} belong to no tensor (a gap before tensor '${entry.name}')`,
      );
    }
    covered = entry.end;
    previous = entry;
  }
  if (covered !== dataLength) {
    throw new FormatError(file, `the last ${dataLength - covered} bytes of the data buffer belong to no tensor`);
  }
}
