/**
 * Whole-number flags and settings (`--workers 4`, `--seed 2013`, `--users 20000`): one parser, so
 * that every flag accepts the same text (digits only: no sign, no decimals, no exponent) and
 * refuses with the same sentence naming the flag. Commands use it as commander's argParser via
 * {@link wholeNumberArg}.
 */
import { InputError } from './errors.js';

export interface WholeRange {
  min: number;
  /** @default Number.MAX_SAFE_INTEGER */
  max?: number;
}

function expected({ min, max }: WholeRange): string {
  return max === undefined
    ? `a whole number of at least ${min}`
    : `a whole number from ${min} to ${max}`;
}

/** `value` as a whole number within `range`; an InputError naming `where` otherwise. */
export function parseWholeNumber(where: string, value: string | number, range: WholeRange): number {
  const text = typeof value === 'string' ? value.trim() : '';
  const n = typeof value === 'number' ? value : /^\d+$/.test(text) ? Number(text) : NaN;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(n) || n < range.min || n > max) {
    const got = typeof value === 'number' ? String(value) : JSON.stringify(value);
    throw new InputError(where, `must be ${expected(range)} (got ${got})`);
  }
  return n;
}

/** A commander argParser for a whole-number option: its InputError names the flag. */
export function wholeNumberArg(flag: string, range: WholeRange): (text: string) => number {
  return (text) => parseWholeNumber(flag, text, range);
}
