/**
 * A results file as a {@link MetricView}: thresholds are evaluated on the file's own data, so
 * the verdict written at the end of a run and the one recomputed after a merge come from the
 * same code and the same (exactly merged) histograms.
 */
import { cellMatches, type TagFilter } from './cells.js';
import { createHistogram, decodeHistogram, mergeHistogram, type Histogram } from './hdr.js';
import type { BreakdownCell, ResultsFile } from './results.js';
import {
  gaugeStats,
  type GaugeMetric,
  type GaugeStats,
  type MetricView,
  type TrendMetric,
} from './view.js';

/**
 * The view of a file, or null when the file has no breakdown (written by another producer):
 * then method and scenario filters cannot be answered, and no partial answer is given.
 */
export function resultsView(file: ResultsFile): MetricView | null {
  return file.breakdown === undefined ? null : new ResultsView(file, file.breakdown.cells);
}

class ResultsView implements MetricView {
  private readonly decoded = new Map<string, Histogram>();

  constructor(
    private readonly file: ResultsFile,
    private readonly cells: readonly BreakdownCell[],
  ) {}

  get elapsedS(): number {
    return this.file.run.durationS;
  }

  trend(metric: TrendMetric, filter: TagFilter): Histogram | null {
    let merged: Histogram | null = null;
    for (let index = 0; index < this.cells.length; index++) {
      const cell = this.cells[index] as BreakdownCell;
      if (cell.count === 0 || !cellMatches(cell, filter)) continue;
      merged ??= createHistogram('float64');
      mergeHistogram(merged, this.histogram(cell, index, metric));
    }
    return merged !== null && merged.totalCount > 0 ? merged : null;
  }

  txCounts(filter: TagFilter): { count: number; failed: number } {
    let count = 0;
    let failed = 0;
    for (const cell of this.cells) {
      if (!cellMatches(cell, filter)) continue;
      count += cell.count;
      failed += cell.failed;
    }
    return { count, failed };
  }

  dropped(scenario: string | undefined): number {
    if (scenario === undefined) return this.file.dropped;
    return this.file.breakdown?.dropped[scenario] ?? 0;
  }

  gauge(metric: GaugeMetric, scenario: string | undefined): GaugeStats | null {
    const { timeseries } = this.file;
    if (metric === 'compliance_queue_depth') return gaugeStats(timeseries.complianceQueueDepth);
    if (scenario === undefined) return gaugeStats(timeseries.vus);
    return gaugeStats(this.file.breakdown?.vus[scenario] ?? []);
  }

  private histogram(cell: BreakdownCell, index: number, metric: TrendMetric): Histogram {
    const id = `${metric}:${index}`;
    let histogram = this.decoded.get(id);
    if (histogram === undefined) {
      histogram = decodeHistogram(metric === 'tx_duration' ? cell.hdr : cell.serviceHdr);
      this.decoded.set(id, histogram);
    }
    return histogram;
  }
}
