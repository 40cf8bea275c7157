/**
 * Numbers as people read them, for every stage that shows one (model messages, the plan tables,
 * reports, the terminal): always en-US grouping, precision chosen by what the number is. A
 * missing or non-finite value reads as "–".
 */
import { roundTo } from './arithmetic.js';

const fixed = new Map<number, Intl.NumberFormat>();

/** `1066.666` -> `1,067`; with decimals 2 -> `1,066.67` (float noise cleaned first). */
export function formatNumber(value: number, decimals = 0): string {
  let formatter = fixed.get(decimals);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    fixed.set(decimals, formatter);
  }
  return formatter.format(roundTo(value, decimals));
}

/** Grouped, with up to `maxDecimals` decimals and no trailing zeros: `1,066.7`, `12`. */
export function formatGrouped(value: number, maxDecimals = 3): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: maxDecimals });
}

const missing = (value: number | null | undefined): value is null | undefined =>
  value === null || value === undefined || !Number.isFinite(value);

/** A count, rounded and grouped: 1,234. */
export function formatCount(n: number | null | undefined): string {
  if (missing(n)) return '–';
  return Math.round(n).toLocaleString('en-US');
}

/** Milliseconds with precision that suits the magnitude: 0.42 ms, 12.3 ms, 1,234 ms. */
export function formatMs(ms: number | null | undefined): string {
  if (missing(ms)) return '–';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/** Milliseconds for narrow terminal columns: 0.42ms, 12.3ms, 123ms, 1.23s. */
export function formatMsShort(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)}s`;
  if (ms >= 100) return `${ms.toFixed(0)}ms`;
  if (ms >= 10) return `${ms.toFixed(1)}ms`;
  return `${ms.toFixed(2)}ms`;
}

/** Rates per second: 0.153/s, 24.0/s, 1,234/s. */
export function formatRate(perS: number | null | undefined): string {
  if (missing(perS)) return '–';
  if (perS < 1) return `${perS.toFixed(3)}/s`;
  if (perS < 100) return `${perS.toFixed(1)}/s`;
  return `${Math.round(perS).toLocaleString('en-US')}/s`;
}

/** A fraction as a percentage: 0.1234 -> "12.3%". */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (missing(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

/** A signed relative change: 0.052 -> "+5.2%", -0.3 -> "-30.0%". */
export function formatChange(fraction: number | null | undefined): string {
  if (missing(fraction)) return '–';
  const sign = fraction > 0 ? '+' : '';
  return `${sign}${(fraction * 100).toFixed(1)}%`;
}

/** A ratio: 1.234 -> "1.23×". */
export function formatRatio(ratio: number | null | undefined): string {
  if (missing(ratio)) return '–';
  return `${ratio.toFixed(ratio >= 100 ? 0 : 2)}×`;
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
