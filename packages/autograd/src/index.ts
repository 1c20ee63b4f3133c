import { installAutograd } from '@nnkit/tensor';
import { engine } from './engine.js';

// Importing this package turns gradients on for @nnkit/tensor: the one side effect it has.
installAutograd(engine);

export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from './grad-mode.js';
export { detectAnomaly, setDetectAnomaly, isAnomalyEnabled } from './anomaly.js';
export { grad, type GradOptions } from './grad.js';
export { gradcheck, gradgradcheck, type GradcheckOptions } from './gradcheck.js';
export { toDot, toMermaid, type GraphOptions } from './graph-export.js';
export { gradRules } from './rules/index.js';
export { nonDifferentiable, type GradContext, type GradRule, type GradRules } from './rule.js';
export { Node, type Edge, type InputMeta } from './node.js';
