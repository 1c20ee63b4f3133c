import { ValueError, type Backend, type Tolerance } from '@nnkit/core';
import { getBackend, hasBackend, setBackend } from '@nnkit/tensor';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runValueCase } from './case.js';
import { createContext } from './context.js';
import type { Section } from './section.js';
import { SECTIONS, SECTION_NAMES } from './sections/index.js';

/** Options of `describeBackend`. */
export interface ConformanceOptions {
  /** Run only these sections (by name; see `SECTION_NAMES`). Default: all. */
  readonly sections?: readonly string[];
  /** Tolerance for float64 results (default rtol 1e-12, atol 1e-12). */
  readonly float64Tolerance?: Tolerance;
  /** Extra sections to run after the built-in ones (a package's own contract). */
  readonly extraSections?: readonly Section[];
  /**
   * The float64 backend whose gradients a float32-only backend's are compared with (for
   * example `() => createCpuBackend()`); it must declare float64 and synchronous reads. A
   * backend that declares float64 is its own reference and checks its gradients with
   * `gradcheck`. Made once, disposed after the run.
   */
  readonly reference?: () => Backend | Promise<Backend>;
}

/** Makes the reference backend, if any, and checks that it can serve as one. */
export async function makeReference(name: string, backend: Backend, options: ConformanceOptions, sections: readonly Section[]): Promise<Backend | null> {
  if (!options.reference) {
    const needed = sections.some((s) => s.name === 'gradients') && !backend.capabilities.dtypes.includes('float64');
    if (needed) {
      throw new ValueError(
        `describeBackend: '${name}' does not declare float64, so its gradients need a float64 reference: pass options.reference (e.g. () => createCpuBackend()) or leave out the 'gradients' section`,
      );
    }
    return null;
  }
  const reference = await options.reference();
  if (!reference.capabilities.dtypes.includes('float64') || !reference.capabilities.syncRead) {
    throw new ValueError(`describeBackend: the reference backend '${reference.name}' must declare float64 and syncRead`);
  }
  return reference;
}

function chooseSections(options: ConformanceOptions): readonly Section[] {
  const wanted = options.sections;
  if (wanted) {
    const unknown = wanted.filter((n) => !SECTION_NAMES.includes(n));
    if (unknown.length > 0) {
      throw new ValueError(`describeBackend: unknown section(s) ${unknown.map((n) => `'${n}'`).join(', ')}; known: ${SECTION_NAMES.join(', ')}`);
    }
  }
  const chosen = wanted ? SECTIONS.filter((s) => wanted.includes(s.name)) : SECTIONS;
  return [...chosen, ...(options.extraSections ?? [])];
}

/**
 * Registers the nnkit conformance suite for one backend with vitest: every op of
 * `@nnkit/tensor`, run through the public API on this backend, against float64 references,
 * for every dtype the backend declares, plus memory, dtype and fast-path checks. The factory
 * is called once while vitest collects the tests (the cases depend on the declared
 * capabilities); the backend is selected with `setBackend` for the run and the previous one
 * is restored afterwards.
 *
 * @example
 * // packages/my-backend/src/conformance.test.ts
 * import { describeBackend } from '@nnkit/conformance';
 * import { createMyBackend } from './index.js';
 * describeBackend('my-backend', () => createMyBackend());
 */
export function describeBackend(name: string, factory: () => Backend | Promise<Backend>, options: ConformanceOptions = {}): void {
  const sections = chooseSections(options);
  describe(`${name} conformance`, async () => {
    const backend = await factory();
    const reference = await makeReference(name, backend, options, sections);
    const ctx = createContext(backend, options.float64Tolerance, reference);
    let previous: Backend | null = null;
    beforeAll(() => {
      previous = hasBackend() ? getBackend() : null;
      setBackend(backend);
    });
    afterAll(() => {
      if (previous !== null) setBackend(previous);
      backend.dispose?.();
      if (reference !== null && reference !== backend) reference.dispose?.();
    });
    for (const section of sections) {
      describe(section.name, () => {
        for (const c of section.valueCases?.(ctx) ?? []) it(c.name, () => runValueCase(ctx, c));
        for (const c of section.checks?.(ctx) ?? []) it(c.name, () => c.run());
      });
    }
  });
}
