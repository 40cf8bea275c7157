/**
 * Looking at a SQLite file before chatload changes anything in it: whose store it is, read over
 * a read-only connection. Until a file is known to be empty or chatload's own, it is not
 * switched to WAL, not given -wal/-shm files, not written at all.
 */
import { rmSync, statSync, truncateSync } from 'node:fs';
import { InputError, messageOf } from '../../core/errors.js';
import type { StoreMeta } from '../store-meta.js';
import type { StoreStatus } from '../types.js';
import { directoryReadOnly, openReadOnly, readOnlyStore } from './connection.js';
import { classifySqliteError, sqliteErrorCode, toTargetError } from './errors.js';
import { readStore } from './store-meta.js';

export interface FileInspection {
  /** The file existed before chatload looked. */
  exists: boolean;
  status: StoreStatus;
  /** chatload_meta's record when the store is chatload's. */
  meta: StoreMeta | null;
}

/** Why the file cannot be read as a database, or null when it can. */
function unreadable(error: unknown): string | null {
  const code = sqliteErrorCode(error);
  if (code === null) return null;
  return code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')
    ? `${messageOf(error)} (${code})`
    : null;
}

/**
 * The file's store, read-only. A file that is not a SQLite database is refused as bad input
 * (exit 2): chatload did not make it, so it neither changes nor advises removing it.
 */
export function inspectFile(path: string, description: string): FileInspection {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return { exists: false, status: { state: 'empty' }, meta: null };
  if (stat.isDirectory()) {
    throw new InputError(description, 'is a directory; the target needs a database file path');
  }
  if (stat.size === 0) return { exists: true, status: { state: 'empty' }, meta: null };
  let db;
  try {
    db = openReadOnly(path);
    const { status, meta } = readStore(db);
    return { exists: true, status, meta };
  } catch (error) {
    const problem = unreadable(error);
    if (problem !== null) {
      throw new InputError(
        description,
        `is not a SQLite database chatload can read (${problem}); chatload did not provision ` +
          'it, so it leaves the file as it is',
        {
          cause: error,
          hint: 'Give --target the path of a new file (chatload creates it) or of a store chatload provisioned.',
        },
      );
    }
    // A WAL store can be read only where its -shm file can be made: not in a read-only place.
    if (classifySqliteError(error) === 'unreachable' && directoryReadOnly(path)) {
      throw readOnlyStore(description, messageOf(error), error);
    }
    throw toTargetError(error, description, 'reading the store’s tables');
  } finally {
    db?.close();
  }
}

/** Whether the file holds a store chatload may leave as it is after an interruption. */
export function intactAfterCrash(path: string, description: string): boolean {
  try {
    const { status, meta } = inspectFile(path, description);
    return status.state === 'foreign' || (meta !== null && meta.complete);
  } catch (error) {
    if (error instanceof InputError) return false;
    throw error;
  }
}

/**
 * Empties a store chatload was changing when it failed or died: with the journal off, its pages
 * may be half written. A file chatload created is removed; one that existed stays, empty.
 */
export function resetStoreFile(path: string, createdFile: boolean): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
  if (createdFile) rmSync(path, { force: true });
  else if (statSync(path, { throwIfNoEntry: false }) !== undefined) truncateSync(path, 0);
}
