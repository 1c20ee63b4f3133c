import { nnkitTsupConfig } from '@nnkit/tsup-config';

// loader-worker.js is the entry of each DataLoader worker thread: it must sit next to index.js.
export default nnkitTsupConfig({ entry: ['src/index.ts', 'src/loader-worker.js'], dts: { entry: 'src/index.ts' } });
