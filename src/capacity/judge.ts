/**
 * Whether a capacity step passed. In its measurement window (warm-up excluded):
 * every SLO holds (k6 threshold syntax, evaluated by src/metrics on the window's data),
 * completed ≥ 99 % of offered, nothing dropped, failures < 0.1 %. The reasons say in words what
 * failed and by how much; `limitedBy` names the first failing criterion, SLOs first.
 */
import { InputError } from '../core/errors.js';
import type { OpName } from '../core/vocabulary.js';
import {
  compileThreshold,
  evaluateThresholds,
  type Threshold,
  type ThresholdDefinition,
} from '../metrics/thresholds.js';
import type { MetricView } from '../metrics/view.js';

/** The pass criteria besides the SLOs. */
export const STEP_CRITERIA = {
  /** Completed transactions ÷ offered. */
  minCompletion: 0.99,
  /** Failed transactions ÷ completed ones must stay below this. */
  maxFailureRate: 0.001,
} as const;

/**
 * The SLOs when neither the scenario nor `--slo` gives any: those of the shipped user-model
 * scenario (the failure criterion covers its `tx_failed` threshold).
 */
export const DEFAULT_SLOS: readonly ThresholdDefinition[] = [
  { metric: 'tx_duration{op:post}', expr: 'p(95)<100', abortOnFail: false, delayAbortEvalMs: 0 },
  { metric: 'tx_duration{op:join}', expr: 'p(95)<500', abortOnFail: false, delayAbortEvalMs: 0 },
];

/** `--slo 'tx_duration{op:post}: p(95)<100'` → a compiled threshold. */
export function parseSlo(text: string, where = '--slo'): Threshold {
  const m = /^\s*([^\s{}:]+(?:\{[^}]*\})?)\s*:\s*(\S.*?)\s*$/.exec(text);
  if (m === null) {
    throw new InputError(where, `"${text}" is not METRIC: EXPRESSION`, {
      hint: "Write it as in a k6 threshold, e.g. 'tx_duration{op:post}: p(95)<100' or 'tx_failed: rate<0.001'.",
    });
  }
  return compileThreshold(
    { metric: m[1] as string, expr: m[2] as string, abortOnFail: false, delayAbortEvalMs: 0 },
    where,
  );
}

/** What the run measured in one step's window. */
export interface StepWindow {
  windowS: number;
  /** Transactions whose intended start fell in the window. */
  offered: number;
  /** Transactions that finished in the window, failed ones included. */
  completed: number;
  failed: number;
  /** Arrivals not started: chatload's in-flight limit was reached. */
  dropped: number;
  /** The window's metrics, for the SLOs (elapsedS = the window). */
  view: MetricView;
}

export interface LimitedBy {
  /** The criterion as written: `tx_duration{op:post}: p(95)<100`, `completed ≥ 99 % of offered`. */
  slo: string;
  op: OpName | null;
  observed: number | null;
}

export interface StepJudgement {
  pass: boolean;
  reasons: string[];
  limitedBy: LimitedBy | null;
}

function formatObserved(threshold: Threshold, value: number): string {
  if (threshold.selector.kind === 'trend')
    return `${value < 100 ? value.toFixed(1) : value.toFixed(0)} ms`;
  if (threshold.selector.name === 'tx_failed') return `${(value * 100).toFixed(2)} %`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

function pct(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 2 : 1)} %`;
}

export function judgeStep(window: StepWindow, slos: readonly Threshold[]): StepJudgement {
  const reasons: string[] = [];
  const limits: LimitedBy[] = [];
  for (const [i, result] of evaluateThresholds(slos, window.view).entries()) {
    if (result.ok || result.value === null) continue;
    const threshold = slos[i] as Threshold;
    reasons.push(
      `${result.metric} ${result.expr}: observed ${formatObserved(threshold, result.value)}`,
    );
    limits.push({
      slo: `${result.metric}: ${result.expr}`,
      op: threshold.selector.filter.op ?? null,
      observed: result.value,
    });
  }
  const completion = window.offered > 0 ? window.completed / window.offered : 1;
  if (completion < STEP_CRITERIA.minCompletion) {
    reasons.push(
      `completed ${pct(completion)} of offered (${window.completed} of ${window.offered}; needs ≥ 99 %)`,
    );
    limits.push({ slo: 'completed ≥ 99 % of offered', op: null, observed: completion });
  }
  if (window.dropped > 0) {
    reasons.push(`${window.dropped} arrivals dropped at the in-flight limit (needs none)`);
    limits.push({ slo: 'nothing dropped', op: null, observed: window.dropped });
  }
  const failureRate = window.completed > 0 ? window.failed / window.completed : 0;
  if (failureRate >= STEP_CRITERIA.maxFailureRate) {
    reasons.push(`failed ${pct(failureRate)} of transactions (${window.failed}; needs < 0.1 %)`);
    limits.push({ slo: 'failures < 0.1 %', op: null, observed: failureRate });
  }
  return { pass: reasons.length === 0, reasons, limitedBy: limits[0] ?? null };
}
