import { nnkitTsupConfig } from '@nnkit/tsup-config';

// An application, not a library: one executable entry, no .d.ts.
export default nnkitTsupConfig({ entry: ['src/cli.ts'], dts: false, banner: { js: '#!/usr/bin/env node' } });
