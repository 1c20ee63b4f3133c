import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

/** Every module a source file imports statically, followed through relative imports. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  // Type-only imports vanish at compile time: they cannot pull a module into a bundle.
  for (const m of text.matchAll(/^(?:import|export)\s(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
    const spec = m[1];
    if (spec.startsWith('.')) staticImports(join(dirname(file), spec.replace(/\.js$/, '.ts')), seen);
    else seen.add(spec);
  }
  return seen;
}

describe('the browser entry', () => {
  it('imports no node: module, statically, anywhere below it', () => {
    const modules = [...staticImports(join(here, 'browser.ts'))].filter((m) => m.startsWith('node:'));
    expect(modules).toEqual([]);
  });

  it('exports everything the main entry does but the Node file readers', async () => {
    const main = Object.keys(await import('./index.js'));
    const browser = Object.keys(await import('./browser.js'));
    const nodeOnly = main.filter((k) => !browser.includes(k)).sort();
    const readers = await Promise.all(['./idx-file.js', './mnist-files.js', './mnist.js', './fashion-mnist.js'].map((m) => import(m)));
    expect(nodeOnly).toEqual(readers.flatMap((m) => Object.keys(m)).sort());
    expect(readdirSync(here)).toContain('browser.ts');
  });
});
