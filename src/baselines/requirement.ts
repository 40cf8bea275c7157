/**
 * The documented requirement: the deployment model's rates for the scenario's user count, and
 * the headroom this run shows over it (measured successful rate ÷ required rate, per operation).
 */
import type { ResultsFile } from '../metrics/results.js';
import type { FigureKind, RequirementComparison, RequirementRow } from './types.js';
import { formatGrouped } from '../core/format.js';

/**
 * How each operation's required rate is grounded in the published model: sign-ins (the peak
 * join rate) and posts are published figures; history paging, searches and session refreshes
 * rest on chatload's assumptions; the rest follow from published inputs by arithmetic.
 */
const RATE_KIND: Record<string, FigureKind> = {
  signin: 'documented',
  post: 'documented',
  history: 'assumption',
  search: 'assumption',
  refresh: 'assumption',
};

export const REQUIREMENT_SOURCE =
  'Lync Server 2013 performance user model (lync2013-user-model.md), the rates the scenario’s model demands at 1×';

/**
 * Whether `measuredPerS` carried `requiredPerS` over `durationS`: arrivals at a fixed mean rate
 * are Poisson, so a run offered exactly the requirement completes its expected count give or
 * take √count. Falling short by more than three of those is a real shortfall.
 */
export function meetsRequirement(
  measuredPerS: number,
  requiredPerS: number,
  durationS: number,
): boolean {
  const expected = requiredPerS * durationS;
  return measuredPerS * durationS >= expected - 3 * Math.sqrt(expected);
}

/** Why a run's rates may not be sustainable: each reason is a sentence for the report. */
export function sustainIssues(results: ResultsFile): string[] {
  const reasons: string[] = [];
  if (results.run.status !== 'completed' || results.run.interrupted) {
    reasons.push(`the run did not complete (status: ${results.run.status})`);
  }
  if (results.dropped > 0) {
    reasons.push(
      `${formatGrouped(results.dropped)} transactions were dropped at the in-flight limit`,
    );
  }
  const failedThresholds = results.thresholds.filter((t) => !t.ok);
  if (failedThresholds.length > 0) {
    reasons.push(
      `thresholds crossed: ${failedThresholds.map((t) => `${t.metric} ${t.expr}`).join(', ')}`,
    );
  }
  return reasons;
}

/**
 * Compares the run with the model's rates for `users` users (default: the scenario's own
 * model user count, so the factor is 1 unless a class with another user count is asked for).
 */
export function compareWithRequirement(
  results: ResultsFile,
  users: number = results.scenario.model.concurrentUsers,
): RequirementComparison {
  const model = results.scenario.model;
  const factor = model.concurrentUsers > 0 ? users / model.concurrentUsers : 1;
  const rows: RequirementRow[] = [];
  const duration = results.run.durationS;
  for (const [op, perS] of Object.entries(model.requiredTxPerS)) {
    if (perS === undefined || perS <= 0) continue;
    const result = results.ops[op as keyof ResultsFile['ops']];
    const measuredPerS =
      result === undefined || duration <= 0 ? 0 : (result.count - result.failed) / duration;
    const requiredPerS = perS * factor;
    rows.push({
      op,
      requiredPerS,
      measuredPerS,
      headroom: measuredPerS / requiredPerS,
      meets: meetsRequirement(measuredPerS, requiredPerS, duration),
      kind: RATE_KIND[op] ?? 'derived',
    });
  }
  const reasons = sustainIssues(results);
  return {
    kind: 'documented',
    users,
    modelUsers: model.concurrentUsers,
    rows,
    sustained: reasons.length === 0,
    reasons,
    source: REQUIREMENT_SOURCE,
  };
}
