import { describe, expect, it } from 'vitest';
import { MAX_TASKS, MR, NR } from './gemm-layout.js';
import { KC_MAX, MC_ROWS, planGemm } from './gemm-plan.js';

describe('planGemm', () => {
  it.each([
    [1, 1, 1, 1],
    [1024, 1024, 1024, 1],
    [1024, 1024, 1024, 2],
    [128, 256, 784, 2],
    [3, 10, 5000, 4],
    [1 << 22, 4, 3, 2],
  ])('covers every panel of m=%i n=%i k=%i with %i threads', (m, n, k, threads) => {
    const p = planGemm(m, n, k, threads, true);
    expect(p.packA).toBe(true);
    expect(p.mPanels * MR).toBeGreaterThanOrEqual(m);
    expect((p.mPanels - 1) * MR).toBeLessThan(m);
    expect(p.nPanels * NR).toBeGreaterThanOrEqual(n);
    expect(p.mBlocks * p.mBlockPanels).toBeGreaterThanOrEqual(p.mPanels);
    const nBlocks = p.computeTasks / p.mBlocks;
    expect(Number.isInteger(nBlocks)).toBe(true);
    expect(nBlocks * p.nBlockPanels).toBeGreaterThanOrEqual(p.nPanels);
    expect((nBlocks - 1) * p.nBlockPanels).toBeLessThan(p.nPanels);
    expect(p.packBTasks * p.bPanelsPerTask).toBeGreaterThanOrEqual(p.nPanels);
    expect(p.packATasks * p.aPanelsPerTask).toBeGreaterThanOrEqual(p.mPanels);
    expect((p.packATasks - 1) * p.aPanelsPerTask).toBeLessThan(p.mPanels);
    expect(p.kc).toBeLessThanOrEqual(KC_MAX);
    expect(Math.ceil(k / p.kc) * p.kc - k).toBeLessThan(Math.ceil(k / p.kc)); // balanced k blocks
    expect(p.packBTasks + p.packATasks + p.computeTasks).toBeLessThanOrEqual(MAX_TASKS);
  });

  it('gives several threads a few compute tasks each and one thread one per row block', () => {
    expect(planGemm(1024, 1024, 1024, 1, false).computeTasks).toBe(1024 / MC_ROWS);
    expect(planGemm(1024, 1024, 1024, 2, false).computeTasks).toBeGreaterThanOrEqual(8);
    expect(planGemm(128, 256, 784, 2, false).computeTasks).toBeGreaterThanOrEqual(8);
    expect(planGemm(256, 256, 784, 1, false).computeTasks).toBe(256 / MC_ROWS);
  });

  it('has no A packing tasks when A is read in place', () => {
    expect(planGemm(64, 64, 64, 2, false)).toMatchObject({ packA: false, packATasks: 0 });
    expect(planGemm(64, 64, 64, 2, true).packATasks).toBeGreaterThan(0);
  });
});
