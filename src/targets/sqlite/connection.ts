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
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { errnoCode, messageOf, TargetError } from '../../core/errors.js';
import { toTargetError } from './errors.js';

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

export function applyRunPragmas(db: Database.Database, config: SqliteTargetConfig): void {
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
    applyRunPragmas(db, config);
    return db;
  } catch (error) {
    db?.close();
    throw toTargetError(error, description, 'opening the database');
  }
}
