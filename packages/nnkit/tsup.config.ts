import { nnkitTsupConfig } from '@nnkit/tsup-config';

export default nnkitTsupConfig();
