import { ValueError } from '@nnkit/core';

/** The bounds a numeric option must respect; every bound is optional. */
export interface NumberRule {
  /** Smallest allowed value (inclusive unless `minExclusive`). */
  readonly min?: number;
  readonly minExclusive?: boolean;
  /** Largest allowed value (inclusive unless `maxExclusive`). */
  readonly max?: number;
  readonly maxExclusive?: boolean;
  /** Whole numbers only. */
  readonly integer?: boolean;
}

function describe(rule: NumberRule): string {
  const parts: string[] = [rule.integer ? 'an integer' : 'a finite number'];
  if (rule.min !== undefined) parts.push(`${rule.minExclusive ? '>' : '>='} ${rule.min}`);
  if (rule.max !== undefined) parts.push(`${rule.maxExclusive ? '<' : '<='} ${rule.max}`);
  return parts.join(' ').replace(/(>=? \S+) (<)/, '$1 and $2');
}

/**
 * Throws a `ValueError` naming `owner` and `name` unless `value` is a finite number inside
 * `rule`, e.g. `SGD: invalid lr -0.1 (must be a finite number >= 0)`.
 */
export function checkNumber(owner: string, name: string, value: unknown, rule: NumberRule = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.minExclusive ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || (rule.maxExclusive ? value < rule.max : value <= rule.max));
  if (!ok) throw new ValueError(`${owner}: invalid ${name} ${String(value)} (must be ${describe(rule)})`);
  return value as number;
}

/** Throws a `ValueError` unless `value` is a boolean. */
export function checkBoolean(owner: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ValueError(`${owner}: invalid ${name} ${String(value)} (must be true or false)`);
  return value;
}

/** Throws a `ValueError` unless `value` is one of `choices`. */
export function checkChoice<T extends string>(owner: string, name: string, value: unknown, choices: readonly T[]): T {
  if (!(choices as readonly unknown[]).includes(value)) {
    throw new ValueError(`${owner}: invalid ${name} ${JSON.stringify(value)} (must be one of ${choices.map((c) => `'${c}'`).join(', ')})`);
  }
  return value as T;
}

/** Throws a `ValueError` naming the first key of `given` that is not in `known` (a typo, usually). */
export function checkKnownKeys(owner: string, given: object, known: readonly string[]): void {
  for (const key of Object.keys(given)) {
    if (!known.includes(key)) {
      throw new ValueError(`${owner}: unknown option '${key}' (known options: ${known.join(', ')})`);
    }
  }
}

/**
 * A number given once or per parameter group, expanded to one value per group.
 *
 * @example perGroup('OneCycleLR', 'maxLr', 0.1, 2) // [0.1, 0.1]
 */
export function perGroup(owner: string, name: string, value: number | readonly number[], groups: number, rule: NumberRule = {}): number[] {
  if (typeof value === 'number') return Array.from({ length: groups }, () => checkNumber(owner, name, value, rule));
  if (!Array.isArray(value) || value.length !== groups) {
    throw new ValueError(`${owner}: ${name} must be a number or an array of ${groups} (one per parameter group), got ${JSON.stringify(value)}`);
  }
  return value.map((v, i) => checkNumber(owner, `${name}[${i}]`, v, rule));
}

/**
 * `defaults` with `options` laid over them, after checking that `options` names only known
 * options (so a typo such as `weightdecay` is an error, not silently ignored).
 */
export function withDefaults<O extends object>(owner: string, defaults: O, options: Partial<O>): O {
  if (options === null || typeof options !== 'object') throw new ValueError(`${owner}: options must be an object`);
  checkKnownKeys(owner, options, Object.keys(defaults));
  return { ...defaults, ...options };
}
