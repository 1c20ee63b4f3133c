// The parts of io/ that run anywhere (no node: imports).
export type { RawTensor, SafetensorsContents } from './raw-tensor.js';
export { encodeSafetensors } from './safetensors-encode.js';
export { decodeSafetensors } from './safetensors-decode.js';
export { MAX_HEADER_BYTES } from './safetensors-header.js';
