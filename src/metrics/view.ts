/**
 * What threshold evaluation reads: the live aggregate during a run (abortOnFail) and a results
 * file afterwards (the final verdict, and again after a merge) both present their data through
 * this one interface, so the same expression gives the same answer on the same data.
 */
import type { TagFilter } from './cells.js';
import type { Histogram } from './hdr.js';

export type TrendMetric = 'tx_duration' | 'tx_service';
export type GaugeMetric = 'compliance_queue_depth' | 'vus';

/**
 * Gauges are sampled once a second (the sum over recorders of each one's last value in that
 * second); `last` is the latest sample — k6's `value` — and min/max range over all samples.
 */
export interface GaugeStats {
  last: number;
  min: number;
  max: number;
}

export interface MetricView {
  /** Seconds the run has lasted (so far): the denominator of per-second rates. */
  readonly elapsedS: number;
  /** The merged histogram of the cells the filter selects; null when they hold no sample. */
  trend(metric: TrendMetric, filter: TagFilter): Histogram | null;
  /** Transactions (failed included) and failed ones in the cells the filter selects. */
  txCounts(filter: TagFilter): { count: number; failed: number };
  /** dropped_txs of one exec scenario, or of all when `scenario` is undefined. */
  dropped(scenario: string | undefined): number;
  /** Null when no second has been sampled yet. `vus` may be narrowed to one exec scenario. */
  gauge(metric: GaugeMetric, scenario: string | undefined): GaugeStats | null;
}

/** Gauge stats over a per-second series; null when the series is empty. */
export function gaugeStats(series: readonly number[]): GaugeStats | null {
  if (series.length === 0) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of series) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { last: series[series.length - 1] as number, min, max };
}
