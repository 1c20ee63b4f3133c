// Test-only: where headless Chromium is and the flags every browser test launches it with
// (gpu.js then gets real WebGL2 and WebGPU on SwiftShader, Chromium's CPU GPU, where the
// machine has none). Used by @nnkit/backend-gpu's browser tests and the playground's e2e test.
import { existsSync } from 'node:fs';

/** Where Chromium is looked for (`$NNKIT_CHROMIUM` overrides). */
export const CHROMIUM = process.env.NNKIT_CHROMIUM ?? '/usr/bin/chromium';

/** The launch flags: headless, no network chatter, WebGPU and WebGL2 on SwiftShader. */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
  '--use-angle=swiftshader',
  '--use-webgpu-adapter=swiftshader',
]);

/**
 * True when Chromium exists. Without it a browser test is skipped on a developer machine (with a
 * warning naming `what`) and throws under `CI`, where it must run.
 * @param {string} what the test, for the messages
 * @returns {boolean}
 */
export function chromiumPresent(what) {
  const present = existsSync(CHROMIUM);
  if (!present && process.env.CI) throw new Error(`${what}: Chromium is required under CI but ${CHROMIUM} does not exist (apt-get install chromium)`);
  if (!present) console.warn(`${what}: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  return present;
}
