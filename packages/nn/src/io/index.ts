export type { RawTensor, SafetensorsContents } from './raw-tensor.js';
export { encodeSafetensors } from './safetensors-encode.js';
export { decodeSafetensors } from './safetensors-decode.js';
export { MAX_HEADER_BYTES } from './safetensors-header.js';
export { writeFileAtomic } from './atomic-write.js';
export { loadSafetensorsFile, saveSafetensorsFile } from './safetensors-file.js';
