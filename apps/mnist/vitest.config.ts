import { nnkitVitestConfig } from '@nnkit/vitest-config';

export default nnkitVitestConfig({ testTimeout: 300_000, hookTimeout: 300_000 });
