/**
 * `chatload compare`: one run against a baseline run, per operation, on successful throughput
 * and on p95 and p99 latency. A change is a regression only when it is worse than the budget
 * AND worse than the noise: NOISE_Z combined standard errors of the two runs' per-second series
 * (batch means, see noise.ts). The headline values come from the run totals (HDR histograms for
 * latency); the per-second series only size the noise.
 */
import type { OpResult, OpSeries, ResultsFile } from '../metrics/results.js';
import { runProblems } from '../metrics/run-health.js';
import { batchMeans, noiseThreshold, type NoiseEstimate } from './noise.js';
import { OPS, type OpName } from '../core/vocabulary.js';
import { formatPercent } from '../core/format.js';

export const COMPARED_METRICS = ['throughput', 'p95', 'p99'] as const;
export type ComparedMetric = (typeof COMPARED_METRICS)[number];

/** Three standard errors: a false alarm about once in 400 comparisons of unchanged runs. */
export const NOISE_Z = 3;

export const NOISE_METHOD =
  `noise = ${NOISE_Z} × the combined standard error of both runs' per-second series ` +
  '(batch means over √n batches of consecutive seconds)';

export type Verdict = 'regression' | 'improvement' | 'ok' | 'within noise' | 'no data';

export interface MetricComparison {
  op: OpName;
  metric: ComparedMetric;
  /** tx/s (successful) for throughput, ms for latency. */
  baseline: number | null;
  current: number | null;
  unit: 'tx/s' | 'ms';
  /** current ÷ baseline − 1. */
  change: number;
  /** The change in the bad direction (throughput down, latency up), as a fraction. */
  worsening: number;
  /** Relative noise threshold; NaN when a run was too short to estimate it. */
  noise: number;
  verdict: Verdict;
  /** Why, in one line with the numbers. */
  reason: string;
}

export interface CompareOptions {
  /** Budget as a fraction: 0.1 allows 10 % worse. */
  maxRegression: number;
  z?: number;
}

export interface CompareResult {
  maxRegression: number;
  z: number;
  method: string;
  comparisons: MetricComparison[];
  regressions: number;
  /** How the two runs' scenarios differ (empty when they match). */
  differences: string[];
  /**
   * Why either run does not measure a whole, completed run (interrupted, nothing ran, all
   * failed, one segment): its figures would read as regressions that are not (empty when fit).
   */
  unfit: string[];
}

/** What makes two runs incomparable: a different scenario, scale or deployment model. */
export function scenarioDifferences(baseline: ResultsFile, current: ResultsFile): string[] {
  const a = baseline.scenario;
  const b = current.scenario;
  const pairs: [string, unknown, unknown][] = [
    ['scenario.name', a.name, b.name],
    ['scenario.scale', a.scale, b.scale],
    ['scenario.compliance', a.compliance, b.compliance],
    ['scenario.model.name', a.model.name, b.model.name],
    ['scenario.model.concurrentUsers', a.model.concurrentUsers, b.model.concurrentUsers],
    ['scenario.model.provisionedUsers', a.model.provisionedUsers, b.model.provisionedUsers],
    ['scenario.model.rooms', a.model.rooms, b.model.rooms],
  ];
  return pairs
    .filter(([, x, y]) => x !== y)
    .map(
      ([field, x, y]) => `${field}: ${JSON.stringify(x)} in the baseline, ${JSON.stringify(y)} now`,
    );
}

/**
 * A run on `null:` executes nothing: against a database run it compares the generator with the
 * database. Other kinds (SQLite against SQL Server) are a question someone may ask on purpose.
 */
function targetDifferences(baseline: ResultsFile, current: ResultsFile): string[] {
  const a = baseline.target.kind;
  const b = current.target.kind;
  if (a === b || (a !== 'null' && b !== 'null')) return [];
  return [
    `target.kind: "${a}" in the baseline, "${b}" now (null: executes nothing, so the two measure different things)`,
  ];
}

/** Why either run's figures cannot be judged as a whole, completed run. */
function unfitRuns(baseline: ResultsFile, current: ResultsFile): string[] {
  return [
    ...runProblems(baseline).map((p) => `the baseline: ${p.text}`),
    ...runProblems(current).map((p) => `the current run: ${p.text}`),
  ];
}

function successSeries(series: OpSeries | undefined, intervalS: number): number[] {
  if (series === undefined) return [];
  return series.count.map((count, i) => (count - (series.failed[i] ?? 0)) / intervalS);
}

function successRate(result: OpResult | undefined, durationS: number): number | null {
  if (result === undefined || durationS <= 0) return null;
  return (result.count - result.failed) / durationS;
}

function judge(
  op: OpName,
  metric: ComparedMetric,
  values: { baseline: number | null; current: number | null },
  noise: { baseline: NoiseEstimate; current: NoiseEstimate },
  budget: number,
  z: number,
): MetricComparison {
  const unit = metric === 'throughput' ? 'tx/s' : 'ms';
  const { baseline, current } = values;
  const base = { op, metric, baseline, current, unit } as const;
  if (baseline === null || current === null || baseline <= 0) {
    return {
      ...base,
      change: Number.NaN,
      worsening: Number.NaN,
      noise: Number.NaN,
      verdict: 'no data',
      reason: 'no transactions of this operation in one of the runs',
    };
  }
  const change = current / baseline - 1;
  const worsening = metric === 'throughput' ? -change : change;
  const threshold = noiseThreshold(noise.baseline, noise.current, z);
  // A run too short to estimate its noise is judged on the budget alone, and says so.
  const noiseBar = Number.isNaN(threshold) ? 0 : threshold;
  const noiseText = Number.isNaN(threshold)
    ? 'noise not estimable (too few seconds)'
    : `noise ±${formatPercent(threshold)}`;
  const direction = worsening > 0 ? 'worse' : 'better';
  const summary = `${formatPercent(Math.abs(worsening))} ${direction} (budget ${formatPercent(budget)}, ${noiseText})`;
  let verdict: Verdict;
  if (worsening > budget && worsening > noiseBar) verdict = 'regression';
  else if (-worsening > budget && -worsening > noiseBar) verdict = 'improvement';
  else if (worsening > budget) verdict = 'within noise';
  else verdict = 'ok';
  return { ...base, change, worsening, noise: threshold, verdict, reason: summary };
}

/**
 * Compares `current` with `baseline`. Whether the runs may be compared at all (the same
 * scenario, both whole and completed) is reported in `differences` and `unfit`, for the caller
 * to refuse or to show.
 */
export function compareRuns(
  baseline: ResultsFile,
  current: ResultsFile,
  options: CompareOptions,
): CompareResult {
  const z = options.z ?? NOISE_Z;
  const budget = options.maxRegression;
  const comparisons: MetricComparison[] = [];
  const ops = OPS.filter((op) => (baseline.ops[op]?.count ?? 0) > 0);
  for (const op of ops) {
    const b = baseline.ops[op];
    const c = current.ops[op];
    const bSeries = baseline.timeseries.ops[op];
    const cSeries = current.timeseries.ops[op];
    comparisons.push(
      judge(
        op,
        'throughput',
        {
          baseline: successRate(b, baseline.run.durationS),
          current: successRate(c, current.run.durationS) ?? 0,
        },
        {
          baseline: batchMeans(successSeries(bSeries, baseline.timeseries.intervalS)),
          current: batchMeans(successSeries(cSeries, current.timeseries.intervalS)),
        },
        budget,
        z,
      ),
    );
    for (const metric of ['p95', 'p99'] as const) {
      const hasCurrent = c !== undefined && c.count > 0;
      comparisons.push(
        judge(
          op,
          metric,
          {
            baseline: b?.latencyMs[metric] ?? null,
            current: hasCurrent ? c.latencyMs[metric] : null,
          },
          {
            baseline: batchMeans(bSeries?.[metric] ?? []),
            current: batchMeans(cSeries?.[metric] ?? []),
          },
          budget,
          z,
        ),
      );
    }
  }
  return {
    maxRegression: budget,
    z,
    method: NOISE_METHOD,
    comparisons,
    regressions: comparisons.filter((c) => c.verdict === 'regression').length,
    differences: [
      ...scenarioDifferences(baseline, current),
      ...targetDifferences(baseline, current),
    ],
    unfit: unfitRuns(baseline, current),
  };
}
