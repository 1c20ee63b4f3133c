import type { Check, ValueCase } from './case.js';
import type { SuiteContext } from './context.js';

/**
 * One part of the contract, in its own file under `sections/`. A section turns the backend's
 * declared capabilities into cases; `describeBackend` gives each case one `it`. Adding a part
 * (gradients, say) is one more file exporting a `Section` and one line in `sections/index.ts`.
 */
export interface Section {
  /** The `describe` title and the name `options.sections` selects it by. */
  readonly name: string;
  /** Cases checked against the float64 oracle (the memory section replays them). */
  valueCases?(ctx: SuiteContext): readonly ValueCase[];
  /** Other checks: determinism, declarations, bookkeeping. */
  checks?(ctx: SuiteContext): readonly Check[];
}
