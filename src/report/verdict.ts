/**
 * The report's overall verdict, and the lines that explain it. A run fails when it did not
 * complete, crossed a threshold or regressed against a measured baseline; the documented
 * requirement and the derived envelope inform capacity questions but never fail a run.
 */
import type { ClassComparison } from '../baselines/types.js';
import type { ResultsFile } from '../metrics/results.js';
import type { CompareResult } from './compare.js';
import { compareHeadline } from './compare-summary.js';
import { formatGrouped, formatRatio } from '../core/format.js';

export type Outcome = 'pass' | 'fail' | 'info';

export interface VerdictLine {
  outcome: Outcome;
  text: string;
}

export interface Verdict {
  overall: 'PASS' | 'FAIL' | 'INCOMPLETE';
  lines: VerdictLine[];
}

export interface MeasuredBaseline {
  label: string;
  result: CompareResult;
}

function thresholdLine(results: ResultsFile): VerdictLine {
  const total = results.thresholds.length;
  if (total === 0) return { outcome: 'info', text: 'no thresholds defined' };
  const failed = results.thresholds.filter((t) => !t.ok);
  if (failed.length === 0) return { outcome: 'pass', text: `thresholds: all ${total} passed` };
  const which = failed.map((t) => `${t.metric} ${t.expr}`).join(', ');
  return { outcome: 'fail', text: `thresholds: ${failed.length} of ${total} crossed (${which})` };
}

function requirementLine(comparison: ClassComparison, scale: number): VerdictLine {
  const { requirement } = comparison;
  const users = formatGrouped(requirement.users);
  if (requirement.rows.length === 0) {
    return { outcome: 'info', text: 'documented requirement: the model demands no rates' };
  }
  const short = requirement.rows.filter((r) => !r.meets);
  const lowest = requirement.rows.reduce((a, b) => (b.headroom < a.headroom ? b : a));
  if (short.length === 0) {
    const sustained = requirement.sustained ? '' : ` — but ${requirement.reasons.join('; ')}`;
    return {
      outcome: 'info',
      text: `documented requirement for ${users} users: carried (lowest headroom ${formatRatio(lowest.headroom)} on ${lowest.op})${sustained}`,
    };
  }
  const offered = scale < 1 ? ` (the run offered only ${scale}× the model's rates)` : '';
  return {
    outcome: 'info',
    text: `documented requirement for ${users} users: not shown by this run on ${short.map((r) => r.op).join(', ')}${offered}`,
  };
}

function envelopeLine(comparison: ClassComparison): VerdictLine | undefined {
  const over = comparison.envelope.checks.filter((c) => c.utilisation > 1);
  if (over.length === 0) return undefined;
  return {
    outcome: 'info',
    text: `derived envelope (estimate) of ${comparison.className} exceeded: ${over.map((c) => c.label).join('; ')}`,
  };
}

export function verdictOf(
  results: ResultsFile,
  comparison?: ClassComparison,
  measured?: MeasuredBaseline,
): Verdict {
  const lines: VerdictLine[] = [];
  const incomplete = results.run.status !== 'completed' || results.run.interrupted;
  if (incomplete) {
    lines.push({
      outcome: 'fail',
      text: `run ${results.run.status}: partial results covering ${results.run.durationS} s`,
    });
  }
  lines.push(thresholdLine(results));
  if (measured !== undefined) {
    lines.push({
      outcome: measured.result.regressions > 0 ? 'fail' : 'pass',
      text: `against measured baseline ${measured.label}: ${compareHeadline(measured.result)}`,
    });
  }
  if (comparison !== undefined) {
    lines.push(requirementLine(comparison, results.scenario.scale));
    const envelope = envelopeLine(comparison);
    if (envelope !== undefined) lines.push(envelope);
  }
  const failed = lines.some((line) => line.outcome === 'fail');
  return { overall: incomplete ? 'INCOMPLETE' : failed ? 'FAIL' : 'PASS', lines };
}
