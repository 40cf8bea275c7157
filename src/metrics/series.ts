/**
 * Per-second time series built from recorder snapshots. The interval histograms of a second are
 * merged per op only until the second is complete — every source has reported that second or a
 * later one — then reduced to p50/p95/p99 and recycled: no per-sample storage, and memory
 * bounded by how far the slowest worker lags.
 */
import { createHistogram, mergeHistogram, percentileMs, type Histogram } from './hdr.js';
import type { OpSeries, Timeseries } from './results.js';
import { OPS, type OpName } from '../core/vocabulary.js';

interface OpInterval {
  count: number;
  failed: number;
  histogram: Histogram;
}

interface GaugeSample {
  complianceQueueDepth: number;
  vus: readonly number[];
}

interface PendingSecond {
  ops: Map<number, OpInterval>;
  dropped: number;
  /** Indexed by source. */
  gauges: (GaugeSample | undefined)[];
}

/** The last complete second, for live progress. */
export interface SecondStats {
  t: number;
  count: number;
  failed: number;
  dropped: number;
  /** p95 over every op; null when the second had no transaction. */
  p95Ms: number | null;
}

const NO_GAUGE: GaugeSample = { complianceQueueDepth: 0, vus: [] };

export class SecondsSeries {
  private readonly pending = new Map<number, PendingSecond>();
  private readonly lastReported: number[];
  private readonly carried: GaugeSample[];
  private readonly spareHistograms: Histogram[] = [];
  // float64 counts: adding an int32 histogram into one is several times faster than into int32.
  private readonly allOps = createHistogram('float64');
  private readonly t: number[] = [];
  private readonly ops = new Map<number, OpSeries>();
  private readonly dropped: number[] = [];
  private readonly complianceQueueDepth: number[] = [];
  private readonly vusByScenario: number[][];
  private readonly vusTotal: number[] = [];
  private last: SecondStats | null = null;

  constructor(sources: number, scenarios: number) {
    this.lastReported = new Array<number>(sources).fill(0);
    this.carried = new Array<GaugeSample>(sources).fill(NO_GAUGE);
    this.vusByScenario = Array.from({ length: scenarios }, () => []);
  }

  get completedSeconds(): number {
    return this.t.length;
  }

  get lastSecond(): SecondStats | null {
    return this.last;
  }

  addOp(t: number, op: number, count: number, failed: number, histogram: Histogram): void {
    if (t <= this.t.length) {
      this.addLate(t, op, count, failed);
      return;
    }
    const second = this.second(t);
    let interval = second.ops.get(op);
    if (interval === undefined) {
      interval = {
        count: 0,
        failed: 0,
        histogram: this.spareHistograms.pop() ?? createHistogram('float64'),
      };
      second.ops.set(op, interval);
    }
    interval.count += count;
    interval.failed += failed;
    mergeHistogram(interval.histogram, histogram);
  }

  addDropped(t: number, count: number): void {
    if (t <= this.t.length) this.dropped[t - 1] = (this.dropped[t - 1] as number) + count;
    else this.second(t).dropped += count;
  }

  /** A source's gauges as of second `t`, then completes every second all sources have passed. */
  report(source: number, t: number, gauges: GaugeSample): void {
    if (t <= this.t.length) this.carried[source] = gauges;
    else this.second(t).gauges[source] = gauges;
    if (t > (this.lastReported[source] as number)) this.lastReported[source] = t;
    this.completeUpTo(Math.min(...this.lastReported));
  }

  /** Completes every second reported so far (end of run). */
  finish(): void {
    this.completeUpTo(Math.max(0, ...this.lastReported, ...this.pending.keys()));
  }

  timeseries(scenarioNames: readonly string[]): {
    series: Timeseries;
    vusByScenario: Record<string, number[]>;
  } {
    const ops: Partial<Record<OpName, OpSeries>> = {};
    for (const [op, series] of [...this.ops].sort((a, b) => a[0] - b[0])) {
      ops[OPS[op] as OpName] = {
        count: [...series.count],
        failed: [...series.failed],
        p50: [...series.p50],
        p95: [...series.p95],
        p99: [...series.p99],
      };
    }
    const vusByScenario: Record<string, number[]> = {};
    scenarioNames.forEach((name, i) => {
      vusByScenario[name] = [...(this.vusByScenario[i] as number[])];
    });
    return {
      series: {
        intervalS: 1,
        t: [...this.t],
        ops,
        dropped: [...this.dropped],
        complianceQueueDepth: [...this.complianceQueueDepth],
        vus: [...this.vusTotal],
      },
      vusByScenario,
    };
  }

  complianceSeries(): readonly number[] {
    return this.complianceQueueDepth;
  }

  /** vus of one exec scenario, or summed over all when `scenario` is undefined. */
  vusSeries(scenario: number | undefined): readonly number[] {
    return scenario === undefined ? this.vusTotal : (this.vusByScenario[scenario] as number[]);
  }

  private second(t: number): PendingSecond {
    let second = this.pending.get(t);
    if (second === undefined) {
      second = { ops: new Map(), dropped: 0, gauges: [] };
      this.pending.set(t, second);
    }
    return second;
  }

  /** Data for a second already completed still counts; its percentiles stay as computed. */
  private addLate(t: number, op: number, count: number, failed: number): void {
    const series = this.opSeries(op);
    series.count[t - 1] = (series.count[t - 1] as number) + count;
    series.failed[t - 1] = (series.failed[t - 1] as number) + failed;
  }

  private completeUpTo(watermark: number): void {
    for (let t = this.t.length + 1; t <= watermark; t++) this.complete(t);
  }

  private complete(t: number): void {
    const second = this.pending.get(t) ?? { ops: new Map(), dropped: 0, gauges: [] };
    this.pending.delete(t);
    for (const op of second.ops.keys()) this.opSeries(op);
    this.t.push(t);
    let count = 0;
    let failed = 0;
    this.allOps.reset();
    for (const [op, series] of this.ops) {
      const interval = second.ops.get(op);
      series.count.push(interval?.count ?? 0);
      series.failed.push(interval?.failed ?? 0);
      series.p50.push(interval === undefined ? null : percentileMs(interval.histogram, 50));
      series.p95.push(interval === undefined ? null : percentileMs(interval.histogram, 95));
      series.p99.push(interval === undefined ? null : percentileMs(interval.histogram, 99));
      if (interval === undefined) continue;
      count += interval.count;
      failed += interval.failed;
      mergeHistogram(this.allOps, interval.histogram);
      interval.histogram.reset();
      this.spareHistograms.push(interval.histogram);
    }
    this.dropped.push(second.dropped);
    this.completeGauges(second);
    const p95Ms = count === 0 ? null : percentileMs(this.allOps, 95);
    this.last = { t, count, failed, dropped: second.dropped, p95Ms };
  }

  private completeGauges(second: PendingSecond): void {
    let depth = 0;
    const vus = new Array<number>(this.vusByScenario.length).fill(0);
    this.carried.forEach((carried, source) => {
      const sample = second.gauges[source] ?? carried;
      this.carried[source] = sample;
      depth += sample.complianceQueueDepth;
      sample.vus.forEach((value, scenario) => {
        if (scenario < vus.length) vus[scenario] = (vus[scenario] as number) + value;
      });
    });
    this.complianceQueueDepth.push(depth);
    this.vusTotal.push(vus.reduce((sum, value) => sum + value, 0));
    vus.forEach((value, scenario) => (this.vusByScenario[scenario] as number[]).push(value));
  }

  private opSeries(op: number): OpSeries {
    let series = this.ops.get(op);
    if (series === undefined) {
      const length = this.t.length;
      series = {
        count: new Array<number>(length).fill(0),
        failed: new Array<number>(length).fill(0),
        p50: new Array<number | null>(length).fill(null),
        p95: new Array<number | null>(length).fill(null),
        p99: new Array<number | null>(length).fill(null),
      };
      this.ops.set(op, series);
    }
    return series;
  }
}
