/**
 * k6-style thresholds: evaluation at the end of a run (the verdict, exit 99) and the live check
 * for `abortOnFail`. Parsing lives in threshold-parser.ts.
 *
 * What each aggregation observes:
 * - trends (`tx_duration`, `tx_service`, ms): `p(N)`, `med` (= p(50)), `avg`, `min`, `max` from
 *   the merged HDR histogram of the selected cells;
 * - `tx_failed`: `rate` = failed / transactions;
 * - counters (`txs`, `dropped_txs`): `count`, and `rate` = count per second of run;
 * - gauges (`compliance_queue_depth`, `vus`), sampled once a second: `value` is the latest sample
 *   (k6's meaning: a gauge's value is its last value), `min` and `max` range over the samples.
 *
 * No data: a trend or rate with no sample, or a gauge never sampled, is reported with value
 * null and passes (as in k6, where a threshold on an unused metric does not fail the run);
 * counters always have a value (0 when nothing was counted).
 */
import { maxMs, meanMs, minMs, percentileMs } from './hdr.js';
import type { ThresholdResult } from './results.js';
import {
  compileThreshold,
  type Operator,
  type Threshold,
  type ThresholdDefinition,
} from './threshold-parser.js';
import type { MetricView } from './view.js';

export {
  compileThreshold,
  parseExpression,
  parseMetricKey,
  parseThresholdOptions,
  type Threshold,
  type ThresholdDefinition,
} from './threshold-parser.js';

/**
 * Compiles resolved thresholds (e.g. the scenario's), each error naming `where["metric"]`.
 * `scenarios` are the exec scenario names a `scenario` tag may name.
 */
export function compileThresholds(
  definitions: readonly ThresholdDefinition[],
  where: string,
  scenarios?: readonly string[],
): Threshold[] {
  return definitions.map((definition) =>
    compileThreshold(definition, `${where}["${definition.metric}"]`, scenarios),
  );
}

/** The value the threshold's aggregation observes on the view; null when there is no data. */
export function observe(threshold: Threshold, view: MetricView): number | null {
  const { selector, aggregation } = threshold;
  const { filter } = selector;
  switch (selector.name) {
    case 'tx_duration':
    case 'tx_service': {
      const histogram = view.trend(selector.name, filter);
      if (histogram === null) return null;
      switch (aggregation.method) {
        case 'p':
          return percentileMs(histogram, aggregation.percentile);
        case 'med':
          return percentileMs(histogram, 50);
        case 'avg':
          return meanMs(histogram);
        case 'min':
          return minMs(histogram);
        default:
          return maxMs(histogram);
      }
    }
    case 'tx_failed': {
      const { count, failed } = view.txCounts(filter);
      return count === 0 ? null : failed / count;
    }
    case 'txs':
    case 'dropped_txs': {
      const count =
        selector.name === 'txs' ? view.txCounts(filter).count : view.dropped(filter.scenario);
      if (aggregation.method === 'count') return count;
      return view.elapsedS > 0 ? count / view.elapsedS : null;
    }
    case 'compliance_queue_depth':
    case 'vus': {
      const stats = view.gauge(selector.name, filter.scenario);
      if (stats === null) return null;
      return aggregation.method === 'min'
        ? stats.min
        : aggregation.method === 'max'
          ? stats.max
          : stats.last;
    }
  }
}

export function compare(value: number, operator: Operator, limit: number): boolean {
  switch (operator) {
    case '<':
      return value < limit;
    case '<=':
      return value <= limit;
    case '>':
      return value > limit;
    case '>=':
      return value >= limit;
    case '==':
      return value === limit;
    case '!=':
      return value !== limit;
  }
}

export function evaluateThreshold(threshold: Threshold, view: MetricView): ThresholdResult {
  const value = observe(threshold, view);
  return {
    metric: threshold.metric,
    expr: threshold.expr,
    value,
    ok: value === null || compare(value, threshold.operator, threshold.limit),
    abortOnFail: threshold.abortOnFail,
  };
}

/** Every threshold's verdict, in the order given. */
export function evaluateThresholds(
  thresholds: readonly Threshold[],
  view: MetricView,
): ThresholdResult[] {
  return thresholds.map((threshold) => evaluateThreshold(threshold, view));
}

/**
 * The live check, called as the run progresses: the `abortOnFail` thresholds that are crossed
 * now and whose `delayAbortEval` has passed at `elapsedMs` (the run clock, injected). Empty
 * means carry on.
 */
export function crossedAbortThresholds(
  thresholds: readonly Threshold[],
  view: MetricView,
  elapsedMs: number,
): ThresholdResult[] {
  const crossed: ThresholdResult[] = [];
  for (const threshold of thresholds) {
    if (!threshold.abortOnFail || elapsedMs < threshold.delayAbortEvalMs) continue;
    const result = evaluateThreshold(threshold, view);
    if (!result.ok) crossed.push(result);
  }
  return crossed;
}
