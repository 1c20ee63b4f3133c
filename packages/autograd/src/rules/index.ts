import type { GradRules } from '../rule.js';
import { elementwiseRules } from './elementwise.js';
import { miscRules } from './misc.js';
import { reductionRules } from './reductions.js';
import { shapeRules } from './shape.js';

/** Every primitive's gradient rule, in one typed table: a missing entry does not compile. */
export const gradRules: GradRules = { ...elementwiseRules, ...reductionRules, ...shapeRules, ...miscRules };
