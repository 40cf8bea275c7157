/** Scenarios: the author-facing types, loading and validation, and the run-time overrides. */
export { defineScenario, isScenario } from './define.js';
export { importScenarioFile, loadScenario } from './load.js';
export { validateScenario, scenarioName, type ValidateOptions } from './validate.js';
export { type ThresholdCheck } from './validate-thresholds.js';
export { EXECUTORS } from './validate-executor.js';
export {
  applyRunOverrides,
  parseDurationFlag,
  parseScale,
  parseSegment,
  type RunOverrides,
} from './run-overrides.js';
export {
  executorDurationMs,
  executorEndMs,
  plannedDurationMs,
  plannedDurationWithGraceMs,
} from './timeline.js';
export * from './resolved.js';
export type * from './types.js';
