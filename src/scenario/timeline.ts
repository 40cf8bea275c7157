/**
 * When each executor runs, and how long the whole scenario is planned to take (k6's "max
 * duration" in its execution plan): the progress display, `--duration` and the schedule use it.
 */
import type { ResolvedExecutor, ResolvedScenario, ResolvedStage } from './resolved.js';

export function stagesDurationMs(stages: readonly ResolvedStage[]): number {
  return stages.reduce((sum, stage) => sum + stage.durationMs, 0);
}

/**
 * How long an executor starts iterations: `duration`, the sum of its stages, or `maxDuration`
 * for the iteration executors (their upper bound; they may finish earlier).
 */
export function executorDurationMs(e: ResolvedExecutor): number {
  switch (e.executor) {
    case 'constant-arrival-rate':
    case 'constant-vus':
      return e.durationMs;
    case 'ramping-arrival-rate':
    case 'ramping-vus':
      return stagesDurationMs(e.stages);
    case 'per-vu-iterations':
    case 'shared-iterations':
      return e.maxDurationMs;
  }
}

/** When the executor stops starting iterations, on the run clock (ms since the run started). */
export function executorEndMs(e: ResolvedExecutor): number {
  return e.startTimeMs + executorDurationMs(e);
}

/** The planned run length: the latest executor end (without graceful stops). */
export function plannedDurationMs(scenario: Pick<ResolvedScenario, 'executors'>): number {
  return scenario.executors.reduce((latest, e) => Math.max(latest, executorEndMs(e)), 0);
}

/** The longest the run may take: the latest executor end plus its graceful stop. */
export function plannedDurationWithGraceMs(scenario: Pick<ResolvedScenario, 'executors'>): number {
  return scenario.executors.reduce(
    (latest, e) => Math.max(latest, executorEndMs(e) + e.gracefulStopMs),
    0,
  );
}
