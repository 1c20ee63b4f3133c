import { nnkitVitestConfig } from '@nnkit/vitest-config';

// The end-to-end test builds the page and trains in Chromium three times: give it room.
export default nnkitVitestConfig({ testTimeout: 240_000, hookTimeout: 240_000 });
