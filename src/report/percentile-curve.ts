/**
 * The latency distribution as HdrHistogram's plotter draws it: x is 1/(1−p) on a log axis, so
 * 90 %, 99 %, 99.9 % ... sit one decade apart and the tail gets as much room as the median.
 */

/** What the curve needs from a histogram (hdr-histogram-js's Histogram satisfies it). */
export interface PercentileSource {
  readonly totalCount: number;
  readonly maxValue: number;
  getValueAtPercentile(percentile: number): number;
}

export interface CurvePoint {
  /** Percentile, 0-100. */
  percentile: number;
  /** 1 / (1 − p): 1 at the minimum, 10 at p90, 100 at p99. */
  x: number;
  /** Latency in the histogram's unit divided by `unitPerMs`. */
  ms: number;
}

/** Points per halving of the remaining tail (HdrHistogram's percentile iterator uses 5). */
const STEPS_PER_HALF = 5;

/**
 * Samples the histogram at percentiles that get denser toward the tail, stopping where the
 * histogram has no more resolution (1/(1−p) beyond the number of recorded values), and ends with
 * the maximum at x = count. Empty histograms give no points.
 */
export function percentileCurve(source: PercentileSource, unitPerMs = 1000): CurvePoint[] {
  const count = source.totalCount;
  if (count <= 0) return [];
  const points: CurvePoint[] = [];
  for (let step = 0; ; step++) {
    const tail = 0.5 ** (step / STEPS_PER_HALF);
    const x = 1 / tail;
    if (x >= count) break;
    const percentile = 100 * (1 - tail);
    points.push({ percentile, x, ms: source.getValueAtPercentile(percentile) / unitPerMs });
  }
  points.push({ percentile: 100, x: Math.max(count, 1), ms: source.maxValue / unitPerMs });
  return points;
}
