import { describe, expect, it } from 'vitest';
import { dropNodeOnlyWarnings, nodeOnlyStubs } from '../plugins/node-only.js';

describe('node-only plugin', () => {
  const plugin = nodeOnlyStubs();
  const resolveId = plugin.resolveId as (source: string, importer?: string) => string | null;
  const load = plugin.load as (id: string) => Promise<string | null>;

  it('stands in for Node modules only where the listed files import them', () => {
    expect(resolveId('node:fs', '/w/packages/data/src/idx-file.ts')).toBe('\0nnkit-node-only:node:fs');
    expect(resolveId('node:fs', '/w/apps/playground/src/main.ts')).toBeNull();
    expect(resolveId('@nnkit/core', '/w/packages/data/src/idx-file.ts')).toBeNull();
  });

  it('exports every name of the module, as functions that throw when called', async () => {
    const code = (await load('\0nnkit-node-only:node:fs')) as string;
    expect(code).toContain('export const readFileSync = stub("node:fs.readFileSync");');
    const mod = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Record<string, () => void>;
    expect(() => mod.readFileSync()).toThrow('node:fs.readFileSync is Node-only: the nnkit playground page cannot use it');
    expect(await load('/some/file.ts')).toBeNull();
  });

  it('drops the build warnings of the listed files and keeps every other log', () => {
    const seen: string[] = [];
    const handler = (_level: string, log: { message: string }) => void seen.push(log.message);
    const warn = (message: string) => dropNodeOnlyWarnings('warn', { message } as never, handler as never);
    warn('Module "node:fs" has been externalized for browser compatibility, imported by "/w/packages/data/src/idx-file.ts". See …');
    warn('Module "node:fs" has been externalized for browser compatibility, imported by "/w/apps/playground/src/main.ts". See …');
    warn('something else');
    expect(seen).toEqual(['Module "node:fs" has been externalized for browser compatibility, imported by "/w/apps/playground/src/main.ts". See …', 'something else']);
  });
});
