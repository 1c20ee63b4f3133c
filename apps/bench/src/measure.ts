/** Timing of one contender on one shape: median and best of the samples, in ms per call. */
export interface Timing {
  readonly medianMs: number;
  readonly bestMs: number;
  readonly samples: number;
}

/** One contender, ready to time: `activate` runs before each of its samples (untimed). */
export interface Timed {
  readonly run: () => void;
  readonly activate?: () => Promise<void>;
  /** At most this many samples (slow contenders take few). */
  readonly maxSamples: number;
}

/**
 * Times several contenders on the same work, interleaving their samples (A, B, C, A, B, C, …)
 * so that a change in machine load hits all of them alike. Each is warmed up first (WebAssembly
 * tier-up, worker start, allocators); a sample repeats `run` for about `sampleMs`. Sampling
 * goes on until `budgetMs` is spent, each contender getting at least 3 samples and at most
 * its `maxSamples`. The median resists the noise of a shared machine better than the mean.
 *
 * @example
 * const [a, b] = await measureInterleaved([{ run: f, maxSamples: 15 }, { run: g, maxSamples: 15 }], 30, 2000);
 */
export async function measureInterleaved(contenders: readonly Timed[], sampleMs: number, budgetMs: number): Promise<Timing[]> {
  const reps: number[] = [];
  for (const c of contenders) {
    await c.activate?.();
    const t0 = performance.now();
    c.run();
    const first = performance.now() - t0;
    const warm = Math.min(50, Math.ceil((3 * sampleMs) / Math.max(first, 1e-3)));
    for (let i = 0; i < warm; i++) c.run();
    const t1 = performance.now();
    c.run();
    reps.push(Math.max(1, Math.round(sampleMs / Math.max(performance.now() - t1, 1e-3))));
  }
  const times: number[][] = contenders.map(() => []);
  const start = performance.now();
  for (let round = 0; ; round++) {
    const wanted = contenders.map((c, i) => times[i].length < Math.min(3, c.maxSamples) || (times[i].length < c.maxSamples && performance.now() - start < budgetMs));
    if (!wanted.some(Boolean)) break;
    for (const [i, c] of contenders.entries()) {
      if (!wanted[i]) continue;
      await c.activate?.();
      const s = performance.now();
      for (let r = 0; r < reps[i]; r++) c.run();
      times[i].push((performance.now() - s) / reps[i]);
    }
  }
  return times.map((t) => {
    const sorted = [...t].sort((a, b) => a - b);
    return { medianMs: sorted[Math.floor(sorted.length / 2)], bestMs: sorted[0], samples: sorted.length };
  });
}
