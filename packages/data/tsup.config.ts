import { nnkitTsupConfig } from '@nnkit/tsup-config';

// loader-worker.js is the entry of each DataLoader worker thread: it must sit next to index.js.
// browser.ts is the entry without the Node file readers, for the "browser" export condition.
export default nnkitTsupConfig({
  entry: ['src/index.ts', 'src/browser.ts', 'src/loader-worker.js'],
  dts: { entry: 'src/index.ts', compilerOptions: { paths: {} } },
});
