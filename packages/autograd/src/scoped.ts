/**
 * Runs `fn` with some global setting changed, and restores it when `fn` returns, throws, or —
 * for an async `fn` — when its promise settles. `enter` changes the setting and returns the
 * function that restores it.
 */
export function scoped<T>(enter: () => () => void, fn: () => T): T {
  const restore = enter();
  let result: T;
  try {
    result = fn();
  } catch (err) {
    restore();
    throw err;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}
