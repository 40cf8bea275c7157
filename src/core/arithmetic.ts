/**
 * Arithmetic on doubles that must read as the published figures do: the capacity tables carry
 * fractions through and round only when shown, so float noise is cleaned here, in one place.
 */

/**
 * Drops binary floating-point noise before rounding or comparing: 80,000 × 2 ÷ 150 × 3 % is
 * 31.999999999999996 in doubles, and must count as 32.
 */
export function clean(value: number): number {
  return Number(value.toPrecision(12));
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(clean(value) * factor) / factor;
}

/** Whole units needed to hold `value` (servers, pools), immune to float noise. */
export function ceilClean(value: number): number {
  return Math.ceil(clean(value));
}

/** `n / d`, or 0 when there is nothing to divide by (a room class with no rooms). */
export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Rounds to `digits` significant digits, to keep chart data small without visible loss. */
export function roundSignificant(value: number, digits = 4): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** (digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}
