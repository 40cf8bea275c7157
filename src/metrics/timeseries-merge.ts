/**
 * Time series of several results files aligned on `t` (seconds since the run started): counts
 * and gauges add; per-second percentiles, for which a file keeps no histogram, become the
 * count-weighted mean of the files' values (see results-merge.ts for why).
 */
import type { OpSeries, ResultsFile, Timeseries } from './results.js';
import { OPS, type OpName } from '../core/vocabulary.js';

export function mergeTimeseries(all: readonly ResultsFile[], t: readonly number[]): Timeseries {
  const zeros = (): number[] => new Array<number>(t.length).fill(0);
  let dropped = zeros();
  let complianceQueueDepth = zeros();
  let vus = zeros();
  const ops: Partial<Record<OpName, OpSeries>> = {};
  for (const op of OPS) {
    const parts = all.filter((file) => file.timeseries.ops[op] !== undefined);
    if (parts.length > 0) ops[op] = mergeOpSeries(parts, op, t);
  }
  for (const file of all) {
    const { timeseries } = file;
    dropped = addAligned(dropped, timeseries.dropped, timeseries.t, t);
    complianceQueueDepth = addAligned(
      complianceQueueDepth,
      timeseries.complianceQueueDepth,
      timeseries.t,
      t,
    );
    vus = addAligned(vus, timeseries.vus, timeseries.t, t);
  }
  return {
    intervalS: all[0]?.timeseries.intervalS ?? 1,
    t: [...t],
    ops,
    dropped,
    complianceQueueDepth,
    vus,
  };
}

function mergeOpSeries(parts: readonly ResultsFile[], op: OpName, t: readonly number[]): OpSeries {
  const position = new Map(t.map((second, i) => [second, i]));
  const count = new Array<number>(t.length).fill(0);
  const failed = new Array<number>(t.length).fill(0);
  const weighted = {
    p50: new Array<number>(t.length).fill(0),
    p95: new Array<number>(t.length).fill(0),
    p99: new Array<number>(t.length).fill(0),
  };
  const weights = new Array<number>(t.length).fill(0);
  for (const file of parts) {
    const series = file.timeseries.ops[op] as OpSeries;
    file.timeseries.t.forEach((second, i) => {
      const at = position.get(second) as number;
      const n = series.count[i] ?? 0;
      count[at] = (count[at] as number) + n;
      failed[at] = (failed[at] as number) + (series.failed[i] ?? 0);
      if (n === 0 || series.p50[i] == null) return;
      weights[at] = (weights[at] as number) + n;
      for (const key of ['p50', 'p95', 'p99'] as const) {
        weighted[key][at] = (weighted[key][at] as number) + n * (series[key][i] ?? 0);
      }
    });
  }
  const mean = (values: number[]): (number | null)[] =>
    values.map((value, i) => ((weights[i] as number) > 0 ? value / (weights[i] as number) : null));
  return {
    count,
    failed,
    p50: mean(weighted.p50),
    p95: mean(weighted.p95),
    p99: mean(weighted.p99),
  };
}

/** Adds `values` (aligned with `from`) into `into` (aligned with `to`, a superset of `from`). */
export function addAligned(
  into: number[],
  values: readonly number[],
  from: readonly number[],
  to: readonly number[],
): number[] {
  const position = new Map(to.map((second, i) => [second, i]));
  from.forEach((second, i) => {
    const at = position.get(second) as number;
    into[at] = (into[at] as number) + (values[i] ?? 0);
  });
  return into;
}
