/**
 * Calls `dispose()` on everything disposable inside a batch: the value itself, the items of
 * arrays and the fields of plain objects, recursively. A `DataLoader` uses it on batches it
 * prepared ahead but never handed out (the loop broke or failed), so their tensors don't leak.
 *
 * @example disposeDeep({ x: xTensor, y: [yTensor] }); // x and y disposed
 */
export function disposeDeep(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  const dispose = (value as { dispose?: unknown }).dispose;
  if (typeof dispose === 'function') {
    dispose.call(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) disposeDeep(item);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    for (const item of Object.values(value)) disposeDeep(item);
  }
}
