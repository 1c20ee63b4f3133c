import { nnkitVitestConfig } from '@nnkit/vitest-config';

export default nnkitVitestConfig({ setupFiles: ['src/test-utils/setup.ts'] });
