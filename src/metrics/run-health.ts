/**
 * Whether a results file measured what it claims: a run interrupted or aborted, a run in which
 * nothing ran or everything failed, or one segment of a split run measures less than the whole
 * and must not be judged as if it were (compare, CI gates). A results file says these things
 * about itself; this module reads them in one place.
 */
import type { ResultsFile } from './results.js';

export type RunProblemKind =
  'interrupted' | 'aborted' | 'no-transactions' | 'all-failed' | 'segment';

export interface RunProblem {
  kind: RunProblemKind;
  /** One line, e.g. "it was interrupted (Ctrl-C) after 12.5 s". */
  text: string;
}

export interface TransactionTotals {
  count: number;
  failed: number;
}

export function transactionTotals(results: ResultsFile): TransactionTotals {
  let count = 0;
  let failed = 0;
  for (const op of Object.values(results.ops)) {
    count += op?.count ?? 0;
    failed += op?.failed ?? 0;
  }
  return { count, failed };
}

/** The error code most transactions failed with (ties: the first in the file's order). */
export function commonestErrorCode(results: ResultsFile): string | null {
  const counts = new Map<string, number>();
  for (const group of results.errors) {
    counts.set(group.code, (counts.get(group.code) ?? 0) + group.count);
  }
  let best: string | null = null;
  for (const [code, count] of counts)
    if (best === null || count > (counts.get(best) ?? 0)) best = code;
  return best;
}

/** What makes this run's figures less than a whole, completed run; empty when nothing does. */
export function runProblems(results: ResultsFile): RunProblem[] {
  const problems: RunProblem[] = [];
  const { status, durationS, segment } = results.run;
  if (status === 'interrupted' || results.run.interrupted) {
    problems.push({ kind: 'interrupted', text: `it was interrupted after ${durationS} s` });
  } else if (status === 'aborted') {
    problems.push({
      kind: 'aborted',
      text: `it was aborted after ${durationS} s (a threshold with abortOnFail, or a target failure)`,
    });
  }
  const { count, failed } = transactionTotals(results);
  if (count === 0) {
    problems.push({ kind: 'no-transactions', text: 'it completed no transaction' });
  } else if (failed === count) {
    const code = commonestErrorCode(results);
    problems.push({
      kind: 'all-failed',
      text: `every one of its ${count} transactions failed${code === null ? '' : ` (mostly ${code})`}`,
    });
  }
  if (segment !== null) {
    problems.push({
      kind: 'segment',
      text: `it is segment ${segment} of a split run (merge the segments with \`chatload merge\` first)`,
    });
  }
  return problems;
}
