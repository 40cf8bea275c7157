/** Number formatting shared by the HTML tables, the terminal tables and the markdown summary. */

/** Milliseconds with precision that suits the magnitude: 0.42 ms, 12.3 ms, 1,234 ms. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/** Rates per second: 0.153/s, 24.0/s, 1,234/s. */
export function formatRate(perS: number | null | undefined): string {
  if (perS === null || perS === undefined || !Number.isFinite(perS)) return '–';
  if (perS < 1) return `${perS.toFixed(3)}/s`;
  if (perS < 100) return `${perS.toFixed(1)}/s`;
  return `${Math.round(perS).toLocaleString('en-US')}/s`;
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  return Math.round(n).toLocaleString('en-US');
}

/** A fraction as a percentage: 0.1234 -> "12.3%". */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A signed relative change: 0.052 -> "+5.2%", -0.3 -> "-30.0%". */
export function formatChange(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  const sign = fraction > 0 ? '+' : '';
  return `${sign}${(fraction * 100).toFixed(1)}%`;
}

/** A ratio: 1.234 -> "1.23×". */
export function formatRatio(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '–';
  return `${ratio.toFixed(ratio >= 100 ? 0 : 2)}×`;
}

/** Rounds to `digits` significant digits, to keep chart data small without visible loss. */
export function roundSignificant(value: number, digits = 4): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** (digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}

/** Seconds as h/m/s for headers: 3725 -> "1h 2m 5s". */
export function formatSeconds(totalS: number): string {
  if (!Number.isFinite(totalS)) return '–';
  const s = Math.round(totalS);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(`${h}h`);
  if (m > 0) parts.push(`${m}m`);
  if (rest > 0 || parts.length === 0) parts.push(`${rest}s`);
  return parts.join(' ');
}
