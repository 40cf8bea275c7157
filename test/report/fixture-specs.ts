/**
 * The sample results files in fixtures/results, as simulation settings. Tests read the files;
 * `node dist/test/report/write-fixtures.js` regenerates them (after a results format change).
 */
import type { ThresholdDefinition } from '../../src/metrics/thresholds.js';
import type { SimulateOptions } from '../../bench/simulated-run.js';

const threshold = (metric: string, expr: string): ThresholdDefinition => ({
  metric,
  expr,
  abortOnFail: false,
  delayAbortEvalMs: 0,
});

/** Thresholds of the sample run: one is set to fail, so the report shows both outcomes. */
export const SAMPLE_THRESHOLDS: ThresholdDefinition[] = [
  threshold('tx_duration{op:post}', 'p(95)<100'),
  threshold('tx_duration{op:join}', 'p(95)<500'),
  threshold('tx_duration{op:search}', 'p(99)<60'),
  threshold('tx_failed', 'rate<0.01'),
];

const COMPARE_RUN = { durationS: 180, scale: 0.5 } as const;
const SEGMENTED_RUN = { seed: 21, durationS: 60, scale: 0.25, compliance: true } as const;

export const FIXTURES: Record<string, SimulateOptions> = {
  /** A two-minute run at a quarter of the model's rates with compliance: the docs' sample. */
  'sample-run.json': {
    seed: 2013,
    durationS: 120,
    scale: 0.25,
    compliance: true,
    thresholds: SAMPLE_THRESHOLDS,
  },
  /** Baseline of the compare fixtures, and three later runs of the same scenario. */
  'compare-baseline.json': { ...COMPARE_RUN, seed: 11 },
  'compare-noise.json': { ...COMPARE_RUN, seed: 12 },
  'compare-regressed.json': { ...COMPARE_RUN, seed: 13, latencyFactor: 1.5 },
  'compare-improved.json': { ...COMPARE_RUN, seed: 14, latencyFactor: 0.7 },
  /** One run done whole (2 workers) and as two segments of one worker each. */
  'segmented-whole.json': { ...SEGMENTED_RUN, workers: 2 },
  'segmented-1of2.json': { ...SEGMENTED_RUN, segment: { index: 0, count: 2 } },
  'segmented-2of2.json': { ...SEGMENTED_RUN, segment: { index: 1, count: 2 } },
};
