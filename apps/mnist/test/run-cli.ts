import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** The built CLI (the app's test task builds it first). */
export const CLI = new URL('../dist/cli.js', import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion; `onStdout` may act on output as it arrives (e.g. send SIGINT). */
export function runCli(args: string[], opts: { env?: Record<string, string>; onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? tmp(), env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      opts.onStdout?.(stdout, (s) => child.kill(s));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const folders: string[] = [];
// Registered while the importing test file is collected: its folders go when its tests are done.
afterAll(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file that made it. */
export function tmp(): string {
  const folder = mkdtempSync(join(tmpdir(), 'nnkit-mnist-'));
  folders.push(folder);
  return folder;
}

/** The JSON lines a run printed. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}
