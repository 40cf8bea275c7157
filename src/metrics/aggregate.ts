/**
 * The main thread's view of a run: merges the snapshots of any number of recorders into
 * cumulative per-cell histograms and counters (exact: HDR histograms merge bucket by bucket),
 * the per-second series, and the live totals the progress display shows. It is also the
 * {@link MetricView} that abortOnFail thresholds are checked against during the run.
 */
import {
  ChatloadError,
  errorCodeOfKind,
  TARGET_ERROR_KIND_NAMES,
  type ErrorCode,
} from '../core/errors.js';
import {
  cellCoordinates,
  cellIndices,
  cellMatches,
  type CellCoordinates,
  type TagFilter,
} from './cells.js';
import { createHistogram, decodeHistogram, mergeHistogram, type Histogram } from './hdr.js';
import type { RecorderSnapshot } from './recorder.js';
import type { ErrorGroup, Timeseries } from './results.js';
import { SecondsSeries } from './series.js';
import {
  gaugeStats,
  type GaugeMetric,
  type GaugeStats,
  type MetricView,
  type TrendMetric,
} from './view.js';
import { METHODS, type MethodName, OPS, type OpName } from '../core/vocabulary.js';

export interface AggregateOptions {
  /** Exec scenario names, indexed like the scenario index each recorder call carries. */
  scenarios: readonly string[];
  /** How many recorders report (workers, plus the main thread's own if it records drops). */
  sources: number;
}

/** A cell's cumulative data: tx_duration and tx_service histograms and counts. */
export interface AggregateCell extends CellCoordinates {
  count: number;
  failed: number;
  duration: Histogram;
  service: Histogram;
}

/** For the live progress display. */
export interface LiveTotals {
  /** Seconds covered by the snapshots received so far. */
  elapsedS: number;
  txs: number;
  failed: number;
  dropped: number;
  /** Transactions completed in the last complete second. */
  txPerS: number;
  /** p95 tx_duration over every op in the last complete second; null without transactions. */
  p95Ms: number | null;
}

/** Error codes by numeric TargetErrorKind, the index the recorders' compact arrays carry. */
const CODE_BY_KIND: readonly ErrorCode[] = TARGET_ERROR_KIND_NAMES.map(errorCodeOfKind);

export function byCountThenName(a: ErrorGroup, b: ErrorGroup): number {
  return b.count - a.count || OPS.indexOf(a.op) - OPS.indexOf(b.op) || a.code.localeCompare(b.code);
}

export class Aggregate implements MetricView {
  private readonly scenarioNames: readonly string[];
  private readonly cellsByKey = new Map<number, AggregateCell>();
  private readonly series: SecondsSeries;
  private readonly sip = new Array<number>(METHODS.length).fill(0);
  private readonly errors = new Map<string, ErrorGroup>();
  private readonly droppedByScenario: number[];
  private maxT = 0;
  private txs = 0;
  private failedTxs = 0;
  retries = 0;
  /** Latencies outside 1 µs .. 1 h that were clamped (or skipped when not a number). */
  clampedLatencies = 0;

  constructor(options: AggregateOptions) {
    if (!Number.isInteger(options.sources) || options.sources < 1) {
      throw new ChatloadError(
        'E_INTERNAL',
        `aggregate needs at least one source (got ${options.sources})`,
      );
    }
    this.scenarioNames = [...options.scenarios];
    this.series = new SecondsSeries(options.sources, options.scenarios.length);
    this.droppedByScenario = new Array<number>(options.scenarios.length).fill(0);
  }

  add(snapshot: RecorderSnapshot): void {
    const { t, source } = snapshot;
    if (!Number.isInteger(t) || t < 1 || !Number.isInteger(source) || source < 0) {
      throw new ChatloadError('E_INTERNAL', `bad snapshot from source ${source} at t=${t}`);
    }
    if (t > this.maxT) this.maxT = t;
    for (const cellSnapshot of snapshot.cells) {
      const cell = this.cell(cellSnapshot.key);
      const duration = decodeHistogram(cellSnapshot.duration, 'int32');
      mergeHistogram(cell.duration, duration);
      mergeHistogram(cell.service, decodeHistogram(cellSnapshot.service, 'int32'));
      cell.count += cellSnapshot.count;
      cell.failed += cellSnapshot.failed;
      this.txs += cellSnapshot.count;
      this.failedTxs += cellSnapshot.failed;
      const op = cellIndices(cellSnapshot.key).op;
      this.series.addOp(t, op, cellSnapshot.count, cellSnapshot.failed, duration);
    }
    snapshot.sip.forEach((count, method) => (this.sip[method] = (this.sip[method] ?? 0) + count));
    for (const error of snapshot.errors)
      this.addError(error.op, error.kind, error.count, error.message);
    this.retries += snapshot.retries;
    this.clampedLatencies += snapshot.clamped;
    let dropped = 0;
    snapshot.dropped.forEach((count, scenario) => {
      this.droppedByScenario[scenario] = (this.droppedByScenario[scenario] ?? 0) + count;
      dropped += count;
    });
    this.series.addDropped(t, dropped);
    this.series.report(source, t, {
      complianceQueueDepth: snapshot.complianceQueueDepth,
      vus: snapshot.vus,
    });
  }

  /** Completes the last seconds (call once every source has sent its final snapshot). */
  finish(): void {
    this.series.finish();
  }

  get elapsedS(): number {
    return this.maxT;
  }

  get scenarios(): readonly string[] {
    return this.scenarioNames;
  }

  totals(): LiveTotals {
    const last = this.series.lastSecond;
    return {
      elapsedS: this.maxT,
      txs: this.txs,
      failed: this.failedTxs,
      dropped: this.droppedByScenario.reduce((sum, count) => sum + count, 0),
      txPerS: last?.count ?? 0,
      p95Ms: last?.p95Ms ?? null,
    };
  }

  cells(): readonly AggregateCell[] {
    return [...this.cellsByKey.entries()].sort((a, b) => a[0] - b[0]).map(([, cell]) => cell);
  }

  sipCounts(): Partial<Record<MethodName, number>> {
    const sip: Partial<Record<MethodName, number>> = {};
    this.sip.forEach((count, method) => {
      if (count > 0) sip[METHODS[method] as MethodName] = count;
    });
    return sip;
  }

  /** Error groups, most frequent first (ties by op, then code, so the order is stable). */
  errorGroups(): ErrorGroup[] {
    return [...this.errors.values()].map((group) => ({ ...group })).sort(byCountThenName);
  }

  droppedPerScenario(): Record<string, number> {
    return Object.fromEntries(
      this.scenarioNames.map((name, i) => [name, this.droppedByScenario[i] ?? 0]),
    );
  }

  timeseries(): { series: Timeseries; vusByScenario: Record<string, number[]> } {
    return this.series.timeseries(this.scenarioNames);
  }

  trend(metric: TrendMetric, filter: TagFilter): Histogram | null {
    let merged: Histogram | null = null;
    for (const cell of this.cellsByKey.values()) {
      if (cell.count === 0 || !cellMatches(cell, filter)) continue;
      merged ??= createHistogram('float64');
      mergeHistogram(merged, metric === 'tx_duration' ? cell.duration : cell.service);
    }
    return merged !== null && merged.totalCount > 0 ? merged : null;
  }

  txCounts(filter: TagFilter): { count: number; failed: number } {
    let count = 0;
    let failed = 0;
    for (const cell of this.cellsByKey.values()) {
      if (!cellMatches(cell, filter)) continue;
      count += cell.count;
      failed += cell.failed;
    }
    return { count, failed };
  }

  dropped(scenario: string | undefined): number {
    if (scenario === undefined) return this.totals().dropped;
    const index = this.scenarioNames.indexOf(scenario);
    return index < 0 ? 0 : (this.droppedByScenario[index] ?? 0);
  }

  gauge(metric: GaugeMetric, scenario: string | undefined): GaugeStats | null {
    if (metric === 'compliance_queue_depth') return gaugeStats(this.series.complianceSeries());
    if (scenario === undefined) return gaugeStats(this.series.vusSeries(undefined));
    const index = this.scenarioNames.indexOf(scenario);
    return index < 0 ? null : gaugeStats(this.series.vusSeries(index));
  }

  private cell(key: number): AggregateCell {
    let cell = this.cellsByKey.get(key);
    if (cell === undefined) {
      cell = {
        ...cellCoordinates(cellIndices(key), this.scenarioNames),
        count: 0,
        failed: 0,
        duration: createHistogram('float64'),
        service: createHistogram('float64'),
      };
      this.cellsByKey.set(key, cell);
    }
    return cell;
  }

  private addError(op: number, kind: number, count: number, message: string): void {
    const opName = OPS[op] as OpName;
    const code = CODE_BY_KIND[kind] ?? 'E_TARGET_UNKNOWN';
    const id = `${opName}\u0000${code}`;
    const group = this.errors.get(id);
    if (group === undefined) this.errors.set(id, { op: opName, code, message, count });
    else group.count += count;
  }
}
