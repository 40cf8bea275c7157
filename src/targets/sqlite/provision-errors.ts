/**
 * What a failed SQLite provisioning tells the user: a store in use by another connection, a
 * full disk, an interruption — each with what chatload did about the half-built store.
 */
import { ChatloadError, messageOf, TargetError } from '../../core/errors.js';
import { classifySqliteError, sqliteErrorCode, toTargetError } from './errors.js';

/** The store has connections besides this one (a run, another program): nothing was changed. */
export function inUseByConnections(error: unknown, description: string): ChatloadError {
  if (error !== null && classifySqliteError(error) !== 'timeout') {
    return toTargetError(error, description, 'taking the database for provisioning');
  }
  return new ChatloadError(
    'E_STORE_IN_USE',
    `${description} is open in another connection (a chatload run, or another program), so ` +
      'it cannot be provisioned now; nothing was changed.',
    {
      hint: 'Let the other run finish, or close the program that has the file open.',
      ...(error === null ? {} : { cause: error }),
    },
  );
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** What became of the half-built store: reset files are removed when chatload created them. */
export type Reset = 'none' | 'emptied' | 'removed';

/**
 * The error to report for a failed provisioning, saying what became of the half-built store so
 * that nobody goes looking for a partial one.
 */
export function provisioningFailure(
  error: unknown,
  description: string,
  reset: Reset,
): ChatloadError {
  const after =
    reset === 'none'
      ? ''
      : ` ${description} was ${reset === 'removed' ? 'removed (chatload had created it)' : 'emptied'}: no half-built store is left.`;
  if (isAbort(error)) {
    return new ChatloadError('E_INTERRUPTED', `provisioning ${description} interrupted.${after}`, {
      cause: error,
    });
  }
  if (error instanceof ChatloadError) {
    if (reset === 'none') return error;
    return new ChatloadError(error.code, `${error.message}${after}`, {
      cause: error,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
    });
  }
  if (sqliteErrorCode(error)?.startsWith('SQLITE_FULL') === true) {
    return new TargetError(
      'unknown',
      `${description}: the disk is full (${messageOf(error)}).${after}`,
      {
        cause: error,
        hint: 'Free space on the disk holding the database (or choose a --target on another disk) and provision again.',
      },
    );
  }
  const failure = toTargetError(error, description, 'provisioning');
  return reset !== 'none'
    ? new TargetError(failure.kind, `${failure.message}.${after}`, {
        cause: error,
        ...(failure.hint === undefined ? {} : { hint: failure.hint }),
      })
    : failure;
}
