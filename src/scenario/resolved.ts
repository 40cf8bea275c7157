/**
 * A scenario after validation: plain trusted data, durations in milliseconds, every default
 * filled in, the model merged and validated. Everything after the loader (schedule, pool, run,
 * results) works on this shape only.
 */
import type { DeploymentModel } from '../model/types.js';
import type { ExecutorName } from './types.js';
import type { ActionKind, RoomClass } from '../core/vocabulary.js';

/** What an executor's iterations run: the model's whole mix, or one action. */
export type ResolvedExec =
  { kind: 'model' } | { kind: 'action'; action: ActionKind; roomClass: RoomClass | null };

export interface ResolvedStage {
  durationMs: number;
  target: number;
}

interface ResolvedExecutorBase {
  /** The executor's key in `options.scenarios`; the `scenario` tag of its metrics. */
  name: string;
  /** Position in `ResolvedScenario.executors`: the scenario index that batches carry. */
  index: number;
  executor: ExecutorName;
  exec: ResolvedExec;
  startTimeMs: number;
  gracefulStopMs: number;
  tags: Record<string, string>;
}

/**
 * Arrival-rate executors. Rates are per `timeUnitMs`; with `exec.kind === 'model'` they are
 * multiples of the model's rates and `timeUnitMs` is 1000 (the model's rates are per second).
 */
interface ArrivalExecutorBase extends ResolvedExecutorBase {
  timeUnitMs: number;
  preAllocatedVUs: number;
  maxVUs: number;
}

export interface ResolvedConstantArrivalRate extends ArrivalExecutorBase {
  executor: 'constant-arrival-rate';
  rate: number;
  durationMs: number;
}

export interface ResolvedRampingArrivalRate extends ArrivalExecutorBase {
  executor: 'ramping-arrival-rate';
  startRate: number;
  stages: ResolvedStage[];
}

export interface ResolvedConstantVus extends ResolvedExecutorBase {
  executor: 'constant-vus';
  vus: number;
  durationMs: number;
}

export interface ResolvedRampingVus extends ResolvedExecutorBase {
  executor: 'ramping-vus';
  startVUs: number;
  stages: ResolvedStage[];
  gracefulRampDownMs: number;
}

export interface ResolvedPerVuIterations extends ResolvedExecutorBase {
  executor: 'per-vu-iterations';
  vus: number;
  iterations: number;
  maxDurationMs: number;
}

export interface ResolvedSharedIterations extends ResolvedExecutorBase {
  executor: 'shared-iterations';
  vus: number;
  iterations: number;
  maxDurationMs: number;
}

export type ResolvedArrivalExecutor = ResolvedConstantArrivalRate | ResolvedRampingArrivalRate;
export type ResolvedVuExecutor =
  ResolvedConstantVus | ResolvedRampingVus | ResolvedPerVuIterations | ResolvedSharedIterations;
export type ResolvedExecutor = ResolvedArrivalExecutor | ResolvedVuExecutor;

export interface ResolvedThreshold {
  /** The metric with its tag filter as written: `tx_duration{op:post}`. */
  metric: string;
  /** The expression as written: `p(95)<100`. */
  expr: string;
  abortOnFail: boolean;
  delayAbortEvalMs: number;
}

/** `--segment I/N`: this instance runs every N-th arrival of each stream, starting at I. */
export interface Segment {
  index: number;
  count: number;
}

export interface ResolvedScenario {
  /** The file name without its extension (`smoke` for `scenarios/smoke.ts`). */
  name: string;
  /** The path as given to the loader. */
  file: string;
  description: string;
  model: DeploymentModel;
  seed: number;
  compliance: boolean;
  history: { preloadDays: number };
  initiallyOnline: 'concurrent' | 'none';
  target: { url: string | null; complianceUrl: string | null };
  /** In declaration order; `executors[i].index === i`. */
  executors: ResolvedExecutor[];
  thresholds: ResolvedThreshold[];
  /** Multiplies every arrival rate (the model's mix and single-action rates). 1 unless `--scale`. */
  scale: number;
  segment: Segment;
  /** Worker threads; null lets the pool choose (the number of cores). */
  workers: number | null;
}

export function isArrivalExecutor(e: ResolvedExecutor): e is ResolvedArrivalExecutor {
  return e.executor === 'constant-arrival-rate' || e.executor === 'ramping-arrival-rate';
}
