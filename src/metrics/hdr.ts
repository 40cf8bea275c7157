/**
 * Latency histograms: hdr-histogram-js with one explicit range everywhere (1 µs .. 1 h, 3
 * significant digits), so that histograms from any worker, segment or run merge exactly.
 * Latencies are given and reported in milliseconds and stored as integer microseconds.
 */
import { messageOf } from '../core/errors.js';
import {
  build,
  decodeFromCompressedBase64,
  encodeIntoCompressedBase64,
  type Histogram,
} from 'hdr-histogram-js';
import type { LatencySummary } from './results.js';

export type { Histogram };

export const HDR_LOWEST_US = 1;
/** One hour: a transaction slower than this is a failure of the run, not a latency to rank. */
export const HDR_HIGHEST_US = 3_600_000_000;
export const HDR_SIGNIFICANT_DIGITS = 3;

/**
 * Counts storage. `int32` is for interval histograms (one second of one worker cannot overflow
 * it) and `float64` for cumulative ones (exact to 2^53 counts). `packed` is the smallest
 * (a few KB for a typical distribution against ~95 KB for int32) but every operation on it is
 * 5-40x slower (bench/metrics.ts), too slow for the per-transaction path.
 */
export type HdrStorage = 'int32' | 'float64' | 'packed';

const BUCKET_SIZE = { int32: 32, float64: 64, packed: 'packed' } as const;

export function createHistogram(storage: HdrStorage = 'int32'): Histogram {
  return build({
    bitBucketSize: BUCKET_SIZE[storage],
    autoResize: false,
    lowestDiscernibleValue: HDR_LOWEST_US,
    highestTrackableValue: HDR_HIGHEST_US,
    numberOfSignificantValueDigits: HDR_SIGNIFICANT_DIGITS,
    useWebAssembly: false,
  });
}

/**
 * Records a latency in ms. Returns false when the value had to be clamped into the range
 * (negative, or above one hour) or could not be recorded at all (NaN): the caller counts those,
 * and the run never fails for them.
 */
export function recordMs(histogram: Histogram, ms: number): boolean {
  const us = Math.round(ms * 1000);
  if (us >= 0 && us <= HDR_HIGHEST_US) {
    histogram.recordValue(us);
    return true;
  }
  if (us > HDR_HIGHEST_US) histogram.recordValue(HDR_HIGHEST_US);
  else if (us < 0) histogram.recordValue(0);
  return false;
}

/** Compressed base64 (HdrHistogram V2 encoding), the form that crosses threads and files. */
export function encodeHistogram(histogram: Histogram): string {
  return encodeIntoCompressedBase64(histogram);
}

/**
 * Decodes an encoded histogram. Throws a RangeError saying what is wrong when the text is not a
 * histogram or was made with another range or precision (it would not merge exactly); callers
 * at the edge wrap it in an InputError naming the file and field.
 */
export function decodeHistogram(encoded: string, storage: HdrStorage = 'float64'): Histogram {
  let histogram: Histogram;
  try {
    histogram = decodeFromCompressedBase64(encoded, BUCKET_SIZE[storage], false);
  } catch (error) {
    throw new RangeError(`not an encoded HDR histogram (${messageOf(error)})`);
  }
  if (
    histogram.numberOfSignificantValueDigits !== HDR_SIGNIFICANT_DIGITS ||
    histogram.highestTrackableValue < HDR_HIGHEST_US ||
    histogram.maxValue > HDR_HIGHEST_US
  ) {
    throw new RangeError(
      `an HDR histogram with another range or precision (expected 1 µs..1 h, ` +
        `${HDR_SIGNIFICANT_DIGITS} significant digits; found ` +
        `${histogram.numberOfSignificantValueDigits} digits up to ${histogram.highestTrackableValue} µs)`,
    );
  }
  return histogram;
}

/** Adds `from` into `into` (exact: same ranges, bucket by bucket). */
export function mergeHistogram(into: Histogram, from: Histogram): void {
  into.add(from);
}

/** The value in ms at percentile `p` (0..100); 0 for an empty histogram. */
export function percentileMs(histogram: Histogram, p: number): number {
  return histogram.totalCount === 0 ? 0 : histogram.getValueAtPercentile(p) / 1000;
}

export function minMs(histogram: Histogram): number {
  return percentileMs(histogram, 0);
}

/**
 * The top of the highest bucket in use, not `maxValue`: a histogram keeps the exact maximum it
 * recorded but a decoded or merged one only knows buckets, and max must not depend on whether
 * the data went through a merge.
 */
export function maxMs(histogram: Histogram): number {
  return percentileMs(histogram, 100);
}

export function meanMs(histogram: Histogram): number {
  return histogram.totalCount === 0 ? 0 : histogram.mean / 1000;
}

/** The results-file summary in ms; all zeros for an empty histogram. */
export function summarize(histogram: Histogram): LatencySummary {
  return {
    min: minMs(histogram),
    mean: meanMs(histogram),
    p50: percentileMs(histogram, 50),
    p90: percentileMs(histogram, 90),
    p95: percentileMs(histogram, 95),
    p99: percentileMs(histogram, 99),
    p999: percentileMs(histogram, 99.9),
    max: maxMs(histogram),
  };
}
