/**
 * Durations, percentages and rates as users write them (k6 style): `30s`, `1m30s`, `1h`,
 * `250ms`, `1.5s`; `10%`. Parsers throw a RangeError with the problem; callers at the edge wrap
 * it in an InputError that names the field.
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;

/** Parses `1h2m3.5s`, `250ms`, `0s` into milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') throw new RangeError('empty duration (expected e.g. "30s", "5m", "1h30m")');
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(trimmed); match !== null; match = PART.exec(trimmed)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
    consumed = PART.lastIndex;
  }
  if (consumed !== trimmed.length) {
    throw new RangeError(
      `"${text}" is not a duration (expected a number with a unit: ms, s, m, h, d — e.g. "30s", "1m30s")`,
    );
  }
  return total;
}

/** Formats milliseconds compactly: 90_000 -> "1m30s", 1500 -> "1.5s", 250 -> "250ms". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1000) return `${Math.round(ms)}ms`;
  let rest = Math.round(ms / 100) / 10;
  const parts: string[] = [];
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
  ] as const) {
    if (rest >= size) {
      const whole = Math.floor(rest / size);
      parts.push(`${whole}${unit}`);
      rest = Math.round((rest - whole * size) * 10) / 10;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}s`);
  return parts.join('');
}

/** Parses `10%` (or `0.1`) into a fraction 0.1. */
export function parsePercent(text: string): number {
  const trimmed = text.trim();
  const match = /^(-?\d+(?:\.\d+)?)\s*(%?)$/.exec(trimmed);
  if (match === null) throw new RangeError(`"${text}" is not a percentage (expected e.g. "10%")`);
  const value = Number(match[1]);
  return match[2] === '%' ? value / 100 : value;
}
