/**
 * Opening a SQLite database the way chatload runs it: WAL (readers never block the writer), a
 * busy timeout (writers from several workers queue instead of failing at once), foreign keys
 * enforced, and the durability the target URL asks for:
 *
 * - `synchronous=full` (default): every commit is flushed to disk before it returns — the honest
 *   comparison with SQL Server, which flushes its log on every commit.
 * - `synchronous=normal`: in WAL mode commits are not flushed; a power loss may lose the last
 *   transactions (never corrupts). Faster; say so when comparing figures.
 */
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { errnoCode, messageOf, TargetError } from '../../core/errors.js';
import { classifySqliteError, sqliteErrorCode, toTargetError } from './errors.js';

export type SqliteSynchronous = 'full' | 'normal';

export interface SqliteTargetConfig {
  path: string;
  /** @default 'full' */
  synchronous: SqliteSynchronous;
}

export const DEFAULT_SQLITE_PATH = '.chatload/mgc.db';
/** How long a statement waits for another connection's write lock before failing as `timeout`. */
export const BUSY_TIMEOUT_MS = 10_000;

export function describeSqlite(config: SqliteTargetConfig): string {
  return `sqlite:${config.path}${config.synchronous === 'full' ? '' : `?synchronous=${config.synchronous}`}`;
}

function applyRunPragmas(db: Database.Database, config: SqliteTargetConfig): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${config.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
}

/**
 * Creates a directory and its missing parents, one level at a time: Node's recursive mkdirSync
 * spins forever on a path under a directory that refuses new entries with ENOENT (e.g. /proc).
 */
function ensureDirectory(directory: string): void {
  if (existsSync(directory)) return;
  const parent = dirname(directory);
  if (parent !== directory) ensureDirectory(parent);
  mkdirSync(directory);
}

/** The store cannot be written: exit 3, saying where to look. */
export function readOnlyStore(description: string, detail: string, cause: unknown): TargetError {
  return new TargetError(
    'permission',
    `${description}: the database cannot be written (${detail}): the file, its directory or ` +
      'its filesystem is read-only for this user',
    {
      cause,
      hint: 'chatload writes to its store: make the file and its directory writable, or choose another --target.',
    },
  );
}

/** Whether the directory holding `path` refuses new files (read-only, or not this user's). */
export function directoryReadOnly(path: string): boolean {
  try {
    accessSync(dirname(path), constants.W_OK);
    return false;
  } catch (error) {
    const code = errnoCode(error);
    return code === 'EROFS' || code === 'EACCES' || code === 'EPERM';
  }
}

/**
 * Applies the run settings and fails unless this connection can write. A file, directory or
 * filesystem that is read-only opens without complaint (SQLite falls back to reading) and would
 * fail only at the first write, turning a whole run into failed transactions. BEGIN IMMEDIATE
 * succeeds on such a file, so the check is a real write, rolled back: the file stays as it was.
 */
function prepareForRun(db: Database.Database, config: SqliteTargetConfig): void {
  try {
    applyRunPragmas(db, config);
    db.exec(`BEGIN; CREATE TABLE "chatload_write_check_${process.pid}" (x); ROLLBACK`);
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    const kind = classifySqliteError(error);
    if (kind !== 'permission' && kind !== 'unreachable') throw error;
    const detail = `${messageOf(error)} (${sqliteErrorCode(error) ?? 'no code'})`;
    throw readOnlyStore(describeSqlite(config), detail, error);
  }
}

/** Opens (creating the file and its directories if needed) with the run settings applied. */
export function openDatabase(config: SqliteTargetConfig): Database.Database {
  const description = describeSqlite(config);
  const directory = dirname(config.path);
  try {
    ensureDirectory(directory);
  } catch (error) {
    const code = errnoCode(error);
    const denied = code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
    throw new TargetError(
      denied ? 'permission' : 'unreachable',
      `${description}: cannot create the directory ${directory}: ${messageOf(error)}`,
      { cause: error, hint: 'Choose a --target path in a writable directory.' },
    );
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(config.path, { timeout: BUSY_TIMEOUT_MS });
    prepareForRun(db, config);
    return db;
  } catch (error) {
    db?.close();
    throw toTargetError(error, description, 'opening the database');
  }
}

/** A connection that cannot change the file, to look at a database before anything else. */
export function openReadOnly(path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
}

/**
 * Sets the journal mode and checks that it took: SQLite answers a mode it cannot switch to with
 * the mode it kept, and better-sqlite3's defensive mode refuses `OFF` that way.
 */
export function setJournalMode(db: Database.Database, mode: 'off' | 'wal'): void {
  const defensive = mode === 'off';
  if (defensive) db.unsafeMode(true);
  try {
    const [row] = db.pragma(`journal_mode = ${mode.toUpperCase()}`) as { journal_mode: string }[];
    if (row?.journal_mode.toLowerCase() !== mode) {
      throw new Error(`journal_mode stayed ${row?.journal_mode ?? 'unknown'} instead of ${mode}`);
    }
  } finally {
    if (defensive) db.unsafeMode(false);
  }
}
