/**
 * Number handling shared by the capacity tables and whoever renders them. The published tables
 * carry fractions through and round only when printing, so rounding lives here, in one place.
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

const formatters = new Map<number, Intl.NumberFormat>();

/** `1066.666` -> `1,067`; with decimals 2 -> `1,066.67`. Always en-US grouping. */
export function formatNumber(value: number, decimals = 0): string {
  let formatter = formatters.get(decimals);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(decimals, formatter);
  }
  return formatter.format(roundTo(value, decimals));
}
