/** A key that appears twice in one JSON object, and the key of the object holding it. */
export interface DuplicateKey {
  key: string;
  /** The key under which the object sits; `undefined` for the outermost object. */
  parent: string | undefined;
}

/**
 * Finds the first key repeated within one object of a JSON text that `JSON.parse` has
 * already accepted (which silently keeps the last value). One linear pass, no tree.
 *
 * @example findDuplicateKey('{"a":1,"a":2}') // { key: 'a', parent: undefined }
 */
export function findDuplicateKey(json: string): DuplicateKey | undefined {
  // One entry per open object or array; arrays get `undefined` keys.
  const stack: { keys: Set<string> | undefined; parent: string | undefined }[] = [];
  let lastKey: string | undefined;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '{' || c === '[') {
      stack.push({ keys: c === '{' ? new Set() : undefined, parent: lastKey });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === '"') {
      const end = closingQuote(json, i);
      const raw = json.slice(i, end + 1);
      i = end;
      let next = end + 1;
      while (json[next] === ' ' || json[next] === '\t' || json[next] === '\n' || json[next] === '\r') next++;
      const top = stack[stack.length - 1];
      // In valid JSON a string followed by ':' is always a key of the innermost object.
      if (json[next] !== ':' || top?.keys === undefined) continue;
      const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      if (top.keys.has(key)) return { key, parent: top.parent };
      top.keys.add(key);
      lastKey = key;
    }
  }
  return undefined;
}

/** Index of the quote that closes the string opening at `open`. */
function closingQuote(json: string, open: number): number {
  let end = json.indexOf('"', open + 1);
  for (;;) {
    let backslashes = 0;
    while (json[end - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return end;
    end = json.indexOf('"', end + 1);
  }
}
