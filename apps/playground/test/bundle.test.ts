import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readIdx } from '@nnkit/data';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUBSET_FILES, SUBSET_SIZES } from '../src/subset-files.js';
import { buildPage } from './build-page.js';

describe('vite build', () => {
  let outDir: string;
  let warnings: string[];
  beforeAll(async () => {
    ({ outDir, warnings } = await buildPage());
  });

  it('logs no warning', () => {
    expect(warnings).toEqual([]);
  });

  it('bundles no Node module: every node: import was tree-shaken away', () => {
    const scripts = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const code = readFileSync(join(outDir, 'assets', file), 'utf8');
      expect(code, file).not.toContain('__vite-browser-external');
      expect(code, file).not.toMatch(/(from\s*|import\s*\(\s*|require\s*\(\s*)["'`]node:/);
    }
  });

  it('ships the MNIST subset next to the page, as IDX files readIdx reads', () => {
    const { trainImages, trainLabels, testImages, testLabels } = SUBSET_FILES;
    const read = (f: { name: string }) => readIdx(readFileSync(join(outDir, 'mnist', f.name)), f.name);
    expect(read(trainImages).shape).toEqual([SUBSET_SIZES.train, 28, 28]);
    expect(read(trainLabels).shape).toEqual([SUBSET_SIZES.train]);
    expect(read(testImages).shape).toEqual([SUBSET_SIZES.test, 28, 28]);
    expect(read(testLabels).shape).toEqual([SUBSET_SIZES.test]);
    expect(statSync(join(outDir, 'index.html')).isFile()).toBe(true);
  });
});
