/**
 * .NET ticks: the store keeps chatDate and the other bigint timestamps as 100 ns units since
 * 0001-01-01 UTC (mgc-schema.md §4). Current values (~6.4e17) exceed Number.MAX_SAFE_INTEGER,
 * so ticks are bigint end to end and never pass through `number`.
 */

export const TICKS_PER_MS = 10_000n;
export const TICKS_PER_DAY = 864_000_000_000n;
/** Ticks at 1970-01-01T00:00:00Z. */
export const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;
/** Ticks at 1900-01-01, SQL Server's `datetime` zero (693,595 days). */
export const TICKS_AT_SQL_DATETIME_ZERO = 599_266_080_000_000_000n;

/**
 * Unix milliseconds to ticks. A fractional part is rounded to whole ticks as far as a double
 * carries it (about 2 ticks at today's dates); pass `extraTicks` for exact sub-millisecond ticks.
 */
export function msToTicks(unixMs: number, extraTicks = 0n): bigint {
  const whole = Math.floor(unixMs);
  const fraction = BigInt(Math.round((unixMs - whole) * 10_000));
  return BigInt(whole) * TICKS_PER_MS + fraction + extraTicks + TICKS_AT_UNIX_EPOCH;
}

/** Ticks to Unix milliseconds, truncating sub-millisecond ticks. */
export function ticksToMs(ticks: bigint): number {
  const sinceEpoch = ticks - TICKS_AT_UNIX_EPOCH;
  let ms = sinceEpoch / TICKS_PER_MS;
  if (sinceEpoch < 0n && sinceEpoch % TICKS_PER_MS !== 0n) ms -= 1n;
  return Number(ms);
}

export function dateToTicks(date: Date): bigint {
  return msToTicks(date.getTime());
}

export function ticksToDate(ticks: bigint): Date {
  return new Date(ticksToMs(ticks));
}
