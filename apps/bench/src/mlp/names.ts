/** The MLP contenders' names in table order (the child process maps each to its trainer). */
export const CONTENDER_NAMES = ['nnkit reference', 'nnkit wasm 1 thread', 'nnkit wasm 2 threads', 'tfjs-cpu', 'tfjs-wasm'] as const;
