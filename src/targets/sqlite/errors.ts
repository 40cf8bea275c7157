/**
 * SQLite failures classified into the kinds every target shares. better-sqlite3 throws a
 * SqliteError whose `code` is SQLite's extended result name (SQLITE_BUSY_SNAPSHOT,
 * SQLITE_CONSTRAINT_PRIMARYKEY, ...); the primary name decides the kind.
 */
import { messageOf, TargetError, type TargetErrorKindName } from '../../core/errors.js';

export function sqliteErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

export function classifySqliteError(error: unknown): TargetErrorKindName {
  if (error instanceof TargetError) return error.kind;
  const code = sqliteErrorCode(error);
  if (code === null) return 'unknown';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'timeout';
  if (code.startsWith('SQLITE_CONSTRAINT')) return 'constraint';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'unreachable';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')) return 'permission';
  if (code.startsWith('SQLITE_AUTH')) return 'permission';
  return 'unknown';
}

/** A coded TargetError for `error`, naming the database and what was being done. */
export function toTargetError(error: unknown, description: string, doing: string): TargetError {
  if (error instanceof TargetError) return error;
  const kind = classifySqliteError(error);
  const code = sqliteErrorCode(error);
  const detail = `${messageOf(error)}${code === null ? '' : ` (${code})`}`;
  const hints: Partial<Record<TargetErrorKindName, string>> = {
    unreachable:
      'Check that the directory exists or can be created and that the path is a file you may open.',
    permission: 'The database file or its directory is read-only for this user.',
    timeout: 'Another process holds a lock on the database; wait for it or raise the timeout.',
  };
  const corrupt =
    code !== null && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'));
  // chatload resets a store whose provisioning it did not finish; any other damage is not its
  // to repair, and the file may hold someone's data.
  const hint = corrupt
    ? 'The file is damaged or is not a SQLite database, and chatload leaves it as it is: point ' +
      '--target at a new path to provision a fresh store.'
    : hints[kind];
  return new TargetError(kind, `${description}: ${doing} failed: ${detail}`, {
    cause: error,
    ...(hint === undefined ? {} : { hint }),
  });
}
