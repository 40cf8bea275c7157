/**
 * Field checks for scenario validation. Each check names the place as `<file>: <field path>` and
 * says what was expected and what was found, so a user can fix the file without reading code.
 */
import { parseDuration } from '../core/duration.js';
import { InputError, messageOf } from '../core/errors.js';
import { didYouMean } from '../core/suggest.js';

export type Json = Record<string, unknown>;

/** Renders a found value for a message: `-5`, `"5m"`, `an array`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  return `a ${typeof value}`;
}

/** Checks against one file; `path` arguments are field paths such as `options.scenarios.a.rate`. */
export class FieldChecker {
  constructor(readonly file: string) {}

  fail(path: string, problem: string, hint?: string): never {
    throw new InputError(`${this.file}: ${path}`, problem, hint === undefined ? {} : { hint });
  }

  object(value: unknown, path: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, `must be an object (got ${describeValue(value)})`);
    }
    return value as Json;
  }

  /** Rejects keys outside `allowed`, suggesting the closest allowed key. */
  knownKeys(value: Json, allowed: readonly string[], path: string, owner: string): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        const at = path === '' ? key : `${path}.${key}`;
        this.fail(
          at,
          `unknown option for ${owner}${didYouMean(key, allowed)}`,
          `${owner} takes: ${allowed.join(', ')}`,
        );
      }
    }
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(path, `must be a non-empty string (got ${describeValue(value)})`);
    }
    return value;
  }

  boolean(value: unknown, path: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean')
      this.fail(path, `must be true or false (got ${describeValue(value)})`);
    return value;
  }

  private finite(value: unknown, path: string, expected: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(path, `must be ${expected} (got ${describeValue(value)})`);
    }
    return value;
  }

  positiveNumber(value: unknown, path: string, fallback?: number): number {
    if (value === undefined && fallback !== undefined) return fallback;
    const n = this.finite(value, path, 'a positive number');
    if (n <= 0) this.fail(path, `must be a positive number (got ${n})`);
    return n;
  }

  nonNegativeNumber(value: unknown, path: string, fallback?: number): number {
    if (value === undefined && fallback !== undefined) return fallback;
    const n = this.finite(value, path, 'a number >= 0');
    if (n < 0) this.fail(path, `must be a number >= 0 (got ${n})`);
    return n;
  }

  integer(value: unknown, path: string, min: number, fallback?: number, max?: number): number {
    if (value === undefined && fallback !== undefined) return fallback;
    const expected =
      max === undefined ? `a whole number >= ${min}` : `a whole number from ${min} to ${max}`;
    const n = this.finite(value, path, expected);
    if (!Number.isInteger(n) || n < min || (max !== undefined && n > max)) {
      this.fail(path, `must be ${expected} (got ${n})`);
    }
    return n;
  }

  /** A k6 duration string in milliseconds; `positive` rejects `0s`. */
  duration(
    value: unknown,
    path: string,
    options: { fallback?: string; positive?: boolean } = {},
  ): number {
    const raw = value === undefined ? options.fallback : value;
    if (typeof raw !== 'string') {
      this.fail(
        path,
        `must be a duration string such as "30s", "5m" or "1m30s" (got ${describeValue(value)})`,
      );
    }
    let ms: number;
    try {
      ms = parseDuration(raw);
    } catch (error) {
      this.fail(path, messageOf(error));
    }
    if (options.positive === true && ms <= 0)
      this.fail(path, `must be longer than 0s (got "${raw}")`);
    return ms;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string, what: string): T {
    const expected = allowed.map((a) => `'${a}'`).join(', ');
    if (typeof value !== 'string') {
      this.fail(path, `must be one of ${expected} (got ${describeValue(value)})`);
    }
    if (!allowed.includes(value as T)) {
      this.fail(
        path,
        `unknown ${what} '${value}'${didYouMean(value, allowed)}`,
        `expected one of: ${expected}`,
      );
    }
    return value as T;
  }
}
