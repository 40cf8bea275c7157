/**
 * The datasets behind the charts, built from results files: per-second series column-wise,
 * percentile curves decoded from the HDR histograms, and small row tables.
 */
import { decodeHistogram } from '../metrics/hdr.js';
import type { ResultsFile } from '../metrics/results.js';
import type { Row, SeriesDataset } from './datasets.js';
import { roundSignificant } from '../core/arithmetic.js';
import { percentileCurve } from './percentile-curve.js';
import type { RunInput } from './run-input.js';
import type { OpName } from '../core/vocabulary.js';

const PERCENTILES = ['p50', 'p95', 'p99'] as const;

function round(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value)
    ? null
    : roundSignificant(value, 4);
}

/**
 * Per-second series of every run on one x axis (seconds since each run's start). Runs of
 * different lengths are padded with nulls, which the page drops.
 */
function seriesDataset(
  runs: readonly RunInput[],
  build: (run: RunInput, index: (t: number) => number) => SeriesDataset['series'],
): SeriesDataset {
  const xs = [...new Set(runs.flatMap((run) => run.results.timeseries.t))].sort((a, b) => a - b);
  const position = new Map(xs.map((t, i) => [t, i]));
  const series = runs.flatMap((run) => build(run, (t) => position.get(t) as number));
  return { kind: 'series', x: 't', xs, series };
}

function aligned(
  run: RunInput,
  index: (t: number) => number,
  length: number,
  value: (i: number) => number | null,
): (number | null)[] {
  const out = new Array<number | null>(length).fill(null);
  run.results.timeseries.t.forEach((t, i) => (out[index(t)] = value(i)));
  return out;
}

export function throughputDataset(
  runs: readonly RunInput[],
  ops: readonly OpName[],
): SeriesDataset {
  const length = new Set(runs.flatMap((run) => run.results.timeseries.t)).size;
  return seriesDataset(runs, (run, index) => {
    const interval = run.results.timeseries.intervalS;
    return ops.flatMap((op) => {
      const s = run.results.timeseries.ops[op];
      if (s === undefined) return [];
      return [
        {
          tags: { run: run.label, op },
          values: {
            rate: aligned(run, index, length, (i) => round((s.count[i] ?? 0) / interval)),
            failed: aligned(run, index, length, (i) => round((s.failed[i] ?? 0) / interval)),
          },
        },
      ];
    });
  });
}

export function latencyDataset(runs: readonly RunInput[], ops: readonly OpName[]): SeriesDataset {
  const length = new Set(runs.flatMap((run) => run.results.timeseries.t)).size;
  return seriesDataset(runs, (run, index) =>
    ops.flatMap((op) => {
      const s = run.results.timeseries.ops[op];
      if (s === undefined) return [];
      return PERCENTILES.map((pct) => ({
        tags: { run: run.label, op, pct },
        values: { ms: aligned(run, index, length, (i) => round(s[pct][i])) },
      }));
    }),
  );
}

export function queueDataset(run: RunInput): SeriesDataset {
  const depth = run.results.timeseries.complianceQueueDepth;
  return {
    kind: 'series',
    x: 't',
    xs: run.results.timeseries.t,
    series: [{ tags: { run: run.label }, values: { depth: depth.map((d) => d ?? null) } }],
  };
}

/** Percentile curves from each op's encoded tx_duration histogram. */
export function percentileRows(runs: readonly RunInput[], ops: readonly OpName[]): Row[] {
  const rows: Row[] = [];
  for (const run of runs) {
    for (const op of ops) {
      const result = run.results.ops[op];
      if (result === undefined || result.count === 0) continue;
      const histogram = decodeHistogram(result.hdr);
      try {
        for (const point of percentileCurve(histogram)) {
          rows.push({
            run: run.label,
            op,
            percentile: point.percentile,
            x: roundSignificant(point.x, 6),
            // The log axis cannot show 0: the histogram's floor is 1 µs anyway.
            ms: Math.max(roundSignificant(point.ms, 4), 0.001),
          });
        }
      } finally {
        histogram.destroy();
      }
    }
  }
  return rows;
}

export function mixRows(results: ResultsFile, ops: readonly OpName[]): Row[] {
  const total = ops.reduce((sum, op) => sum + (results.ops[op]?.count ?? 0), 0);
  return ops.map((op) => {
    const count = results.ops[op]?.count ?? 0;
    return { op, count, share: total > 0 ? count / total : 0 };
  });
}

/** The limit of a `p(95)<100`-style expression, or null when it has none to scale by. */
export function thresholdLimit(expr: string): number | null {
  const match = /(?:<=|>=|==|!=|<|>)\s*(\d+(?:\.\d+)?)\s*$/.exec(expr);
  if (match === null) return null;
  const limit = Number(match[1]);
  return limit > 0 ? limit : null;
}

export function thresholdRows(results: ResultsFile): Row[] {
  return results.thresholds.flatMap((t) => {
    const limit = thresholdLimit(t.expr);
    if (limit === null || t.value === null) return [];
    return [
      {
        label: `${t.metric} ${t.expr}`,
        value: t.value,
        limit,
        ratio: t.value / limit,
        outcome: t.ok ? 'pass' : 'fail',
      },
    ];
  });
}
