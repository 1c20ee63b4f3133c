/** Where Chromium is looked for (`$NNKIT_CHROMIUM` overrides). */
export declare const CHROMIUM: string;
/** The launch flags: headless, no network chatter, WebGPU and WebGL2 on SwiftShader. */
export declare const CHROMIUM_ARGS: readonly string[];
/** True when Chromium exists; skips with a warning locally, throws under `CI`, without it. */
export declare function chromiumPresent(what: string): boolean;
