export { describeBackend, type ConformanceOptions } from './describe-backend.js';
export { SECTIONS, SECTION_NAMES } from './sections/index.js';
export type { Section } from './section.js';
export { runValueCase, expectThrows, type Check, type Expected, type ExpectedError, type ValueCase } from './case.js';
export { createContext, declared, supports, type SuiteContext } from './context.js';
export { limitsOf, int32Edges, type BackendLimits, type IntGrowth } from './limits.js';
export { gradValueCase, gradcheckCase, type GradSpec } from './sections/gradient-case.js';
export { expectClose, findMismatch, formatNumber, type Mismatch } from './compare.js';
export { EXACT, FLOAT64_TOLERANCE, toleranceFor, widen, type Tolerances } from './tolerance.js';
export {
  buildReference, buildTensor, crossInputs, layoutInput, valuesInput, withView, LAYOUTS,
  type BuiltInput, type InputSpec, type Layout, type ViewStep,
} from './samples.js';
export { DOMAINS, EXTREME_FLOATS, EXTREME_INT32, HALFWAY_FLOATS, SPECIAL_FLOATS, generatorFor, sampleValues, type Domain } from './domains.js';
export { NdArray, forEachIndex, roundTo, type RefSlice } from './reference/ndarray.js';
export { broadcastAll, zipWith } from './reference/broadcast.js';
export { UNARY_REF, BINARY_REF, activationRef, powRef, roundHalfEven } from './reference/elementwise.js';
export { erfRef } from './reference/erf.js';
export * as reductionsRef from './reference/reductions.js';
export { matmulRef, linearRef } from './reference/linalg.js';
export { gatherRef, scatterAddRef, indexSelectRef, oneHotRef, softmaxCrossEntropyRef } from './reference/indexing.js';
export { concatRef, stackRef, splitRef } from './reference/join.js';
