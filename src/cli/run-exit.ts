/**
 * How a finished run ends for the shell: the exit code, and the error to print when the run
 * itself failed. A run in which every transaction failed measured nothing of the database, so
 * it never ends with 0 (a scenario without thresholds would otherwise pass).
 */
import {
  ChatloadError,
  errorCodeOfKind,
  ExitCode,
  TARGET_ERROR_KIND_NAMES,
  type ErrorCode,
} from '../core/errors.js';
import type { ResultsFile } from '../metrics/results.js';
import { commonestErrorCode, transactionTotals } from '../metrics/run-health.js';

export interface RunExit {
  code: number;
  /** What to print before exiting, in this order; empty when the exit code says it all. */
  errors: ChatloadError[];
}

function everyTransactionFailed(results: ResultsFile): ChatloadError | null {
  const { count, failed } = transactionTotals(results);
  if (count === 0 || failed < count) return null;
  const commonest = commonestErrorCode(results);
  // A transaction fails with a target error's code; anything else in a file reads as unknown.
  const code: ErrorCode =
    TARGET_ERROR_KIND_NAMES.map(errorCodeOfKind).find((known) => known === commonest) ??
    'E_TARGET_UNKNOWN';
  const sample = results.errors.find((group) => group.code === code)?.message;
  return new ChatloadError(
    code,
    `every one of the run's ${count.toLocaleString('en-US')} transactions failed` +
      `${sample === undefined ? '' : ` (${sample})`}: the run measured no work the target did`,
    {
      hint: 'The results file lists the errors per operation; fix what the target refuses and run again.',
    },
  );
}

/**
 * The run's own failure (its code) first, then Ctrl-C (130), then a run in which every
 * transaction failed (the commonest error's code), then crossed thresholds (99: the verdict on
 * the database stands even when an output failed), then a trace that could not be written
 * (E_OUTPUT, 1): a CI job never reads a lost trace, or a run that did nothing, as success.
 */
export function runExit(
  results: ResultsFile,
  failure: ChatloadError | null,
  traceFailure: ChatloadError | null = null,
): RunExit {
  const errors = traceFailure === null ? [] : [traceFailure];
  if (failure !== null) return { code: failure.exitCode, errors: [...errors, failure] };
  if (results.run.status === 'interrupted') return { code: ExitCode.interrupted, errors };
  const failedAll = everyTransactionFailed(results);
  if (failedAll !== null) return { code: failedAll.exitCode, errors: [...errors, failedAll] };
  if (results.thresholds.some((t) => !t.ok)) return { code: ExitCode.thresholdsCrossed, errors };
  return { code: traceFailure?.exitCode ?? ExitCode.ok, errors };
}
