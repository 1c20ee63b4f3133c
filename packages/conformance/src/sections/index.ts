import type { Section } from '../section.js';
import { activationsSection } from './activations.js';
import { binarySection } from './binary.js';
import { creationSection } from './creation.js';
import { dtypesSection } from './dtypes.js';
import { errorsSection } from './errors.js';
import { fastPathsSection } from './fast-paths.js';
import { gradientsSection } from './gradients.js';
import { indexingSection } from './indexing.js';
import { joinSection } from './join.js';
import { linalgSection } from './linalg.js';
import { lossesSection } from './losses.js';
import { memorySection } from './memory.js';
import { randomSection } from './random.js';
import { reductionsSection } from './reductions.js';
import { statisticsSection } from './statistics.js';
import { unarySection } from './unary.js';
import { viewsSection, writesSection } from './views.js';
import { whereClampSection } from './where-clamp.js';

/** The sections whose cases compare ops with the oracle (the memory section replays them). */
const OP_SECTIONS: readonly Section[] = [
  creationSection,
  unarySection,
  activationsSection,
  binarySection,
  whereClampSection,
  reductionsSection,
  statisticsSection,
  linalgSection,
  lossesSection,
  viewsSection,
  writesSection,
  joinSection,
  indexingSection,
  dtypesSection,
  errorsSection,
  fastPathsSection,
  gradientsSection,
];

/**
 * Every section, in run order. A new part of the contract is a new file in this folder
 * exporting a `Section`, added here.
 */
export const SECTIONS: readonly Section[] = [...OP_SECTIONS, randomSection, memorySection(OP_SECTIONS)];

/** The names `describeBackend`'s `sections` option accepts. */
export const SECTION_NAMES: readonly string[] = SECTIONS.map((s) => s.name);
