#!/usr/bin/env node
// Sums the vitest JSON results every package wrote (.vitest-result.json) and prints one
// line, `N passed, N failed`, which .ci/run ends with. Exits 1 when any test failed or a
// package that has tests wrote no result.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let passed = 0;
let failed = 0;
const missing = [];
for (const group of ['packages', 'apps']) {
  const dir = join(root, group);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir)) {
    const pkgDir = join(dir, name);
    const pkgJson = join(pkgDir, 'package.json');
    if (!existsSync(pkgJson) || !JSON.parse(readFileSync(pkgJson, 'utf8')).scripts?.test) continue;
    const result = join(pkgDir, '.vitest-result.json');
    if (!existsSync(result)) {
      missing.push(`${group}/${name}`);
      continue;
    }
    const r = JSON.parse(readFileSync(result, 'utf8'));
    passed += r.numPassedTests ?? 0;
    // A test file that failed to load has no tests of its own: count it as one failure.
    const broken = (r.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
    failed += (r.numFailedTests ?? 0) + broken;
    console.log(`${`${group}/${name}`.padEnd(26)} ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
  }
}
if (missing.length) console.log(`no test result from: ${missing.join(', ')}`);
console.log(`${passed} passed, ${failed + missing.length} failed`);
process.exit(failed + missing.length > 0 ? 1 : 0);
