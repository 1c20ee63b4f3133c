import type { Check } from '../case.js';
import { supports, type SuiteContext } from '../context.js';
import type { Section } from '../section.js';
import { gradValueCase, gradcheckCase, type GradSpec } from './gradient-case.js';
import { elementwiseGradSpecs } from './gradient-elementwise.js';
import { linalgGradSpecs } from './gradient-linalg.js';
import { reductionGradSpecs } from './gradient-reductions.js';
import { shapeGradSpecs } from './gradient-shapes.js';
import { fusedGradientChecks, trainingStepCase } from './gradient-training.js';

/** Every gradient case whose inputs the backend can hold (labels and indices need int32, conditions bool). */
function gradSpecs(ctx: SuiteContext): GradSpec[] {
  const all = [...elementwiseGradSpecs(), ...reductionGradSpecs(), ...linalgGradSpecs(), ...shapeGradSpecs()];
  return all.filter((s) => s.inputs.every((i) => i.dtype === 'float32' || supports(ctx, i.dtype)));
}

function missingReference(ctx: SuiteContext): Check[] {
  return [{
    name: 'gradients need a float64 reference backend',
    run: () => {
      throw new Error(`${ctx.backend.name} does not declare float64: pass describeBackend's reference option (a float64 backend such as createCpuBackend())`);
    },
  }];
}

/**
 * Gradients of every differentiable op, through broadcasting and non-contiguous views. A
 * backend that declares float64 (and synchronous reads) passes `gradcheck` in float64 on each;
 * its float32 gradients, and those of a float32-only backend, must match the float64
 * gradients of the reference backend within the backend's declared tolerance (√n-widened).
 * Fused fast paths must differentiate like the compositions they replace, and one training
 * step of a small MLP must match the reference's.
 */
export const gradientsSection: Section = {
  name: 'gradients',
  valueCases: (ctx) => {
    if (ctx.reference === null || !supports(ctx, 'float32')) return [];
    const cases = gradSpecs(ctx).map((s) => gradValueCase(ctx, s, 'float32'));
    if (supports(ctx, 'int32')) cases.push(trainingStepCase(ctx, 'float32'));
    return cases;
  },
  checks: (ctx) => {
    if (ctx.reference === null && supports(ctx, 'float32')) return missingReference(ctx);
    const gradchecks = supports(ctx, 'float64') && ctx.backend.capabilities.syncRead ? gradSpecs(ctx).map(gradcheckCase) : [];
    return [...gradchecks, ...(supports(ctx, 'float32') ? fusedGradientChecks(ctx, 'float32') : [])];
  },
};
