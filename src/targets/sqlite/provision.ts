/**
 * Provisioning a SQLite store: refuse someone else's store, recognise our own (same world: a
 * no-op; another world: only with --force), then create the schema and bulk-load the world.
 *
 * The caller holds the store's lock (store-lock.ts) and has closed its own connections. The
 * load runs with the journal really off (better-sqlite3's defensive mode silently keeps the old
 * mode unless asked otherwise), synchronous off and foreign keys off — the rows come in
 * foreign-key order from a trusted generator; checking 22 M affiliation rows one by one would
 * double the load time. Indexes are built after the data. The completion record is written with a flush, so a store that says
 * it is complete has its data on disk.
 *
 * Without a journal a failed write can leave pages half written, so any failure after the
 * store started changing (disk full, Ctrl-C, a crash) empties the file: the meta record is
 * written first, with the journal on, so that a store chatload was filling always says so.
 */
import Database from 'better-sqlite3';
import type { World } from '../../workload/types.js';
import { createIndexSql, createTableSql, dropTableSql } from '../schema/render-sqlite.js';
import { META_TABLE, TABLES } from '../schema/tables.js';
import type { StoreName } from '../schema/types.js';
import {
  provisionAction,
  provisioningMeta,
  requestedStores,
  wantedStore,
  type ProvisionAction,
  type StoreMeta,
} from '../store-meta.js';
import { provisionRowOptions, storeRows } from '../store-rows.js';
import type { ProvisionOptions, ProvisionReport } from '../types.js';
import { bulkLoad, yieldToEventLoop } from './bulk-load.js';
import { setJournalMode, type SqliteTargetConfig } from './connection.js';
import { inUseByConnections, provisioningFailure } from './provision-errors.js';
import { inspectFile, resetStoreFile } from './inspect.js';
import { writeMeta } from './store-meta.js';

/** How long to wait for other connections to let go before calling the store in use. */
const EXCLUSIVE_WAIT_MS = 2_000;

function dropChatloadTables(db: Database.Database): void {
  for (const table of [...TABLES].reverse()) db.exec(dropTableSql(table));
}

/**
 * Leaves WAL for a rollback journal, which SQLite allows only when no other connection has the
 * database open: a store another process uses (a run) is found here, before anything changes.
 * Other chatload processes stay away while the store's lock is held.
 */
function leaveWal(db: Database.Database, description: string): void {
  let mode: string;
  try {
    mode = String(db.pragma('journal_mode = DELETE', { simple: true })).toLowerCase();
  } catch (error) {
    throw inUseByConnections(error, description);
  }
  if (mode !== 'delete') throw inUseByConnections(null, description);
}

function enterBulkMode(db: Database.Database): void {
  setJournalMode(db, 'off');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
}

/** Creates the stores' tables, loads the world's rows, then builds indexes and statistics. */
async function createAndLoad(
  db: Database.Database,
  world: World,
  options: ProvisionOptions,
  stores: StoreName[],
  now: () => number,
): Promise<Record<string, number>> {
  const { signal } = options;
  const tables = TABLES.filter((table) => stores.includes(table.store));
  for (const table of tables) db.exec(createTableSql(table));

  const loads = storeRows(world, provisionRowOptions(options));
  const rowCounts: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]));
  for (const load of loads) {
    const tableStarted = now();
    rowCounts[load.table.name] = await bulkLoad(
      db,
      load,
      ({ rows, totalRows }) =>
        options.progress?.({
          table: load.table.name,
          rows,
          totalRows,
          elapsedMs: now() - tableStarted,
        }),
      signal,
    );
    await yieldToEventLoop();
    signal?.throwIfAborted();
  }
  for (const table of tables) {
    for (const sql of createIndexSql(table)) db.exec(sql);
    await yieldToEventLoop();
    signal?.throwIfAborted();
  }
  // Statistics let the planner pick key lookups over scans; a sample keeps it to seconds.
  db.pragma('analysis_limit = 1000');
  db.exec('ANALYZE');
  return rowCounts;
}

export interface SqliteProvisionContext {
  config: SqliteTargetConfig;
  description: string;
  /** The file did not exist before this target opened it: a failed provisioning removes it. */
  createdFile: boolean;
  /** Monotonic ms, for elapsed times. */
  now(): number;
}

interface Decision {
  action: ProvisionAction;
  existing: StoreMeta | null;
}

/** What provisioning does with the file as it is now (read-only; refuses a foreign store). */
function decide(
  { config, description }: SqliteProvisionContext,
  world: World,
  options: ProvisionOptions,
): Decision {
  const { status, meta } = inspectFile(config.path, description);
  return {
    action: provisionAction(status, meta, wantedStore(world, options), description),
    existing: meta,
  };
}

function keptReport(existing: StoreMeta, durationMs: number): ProvisionReport {
  return {
    status: 'already-provisioned',
    fingerprint: existing.fingerprint,
    tables: existing.rowCounts,
    durationMs,
  };
}

/** The report for a store that already holds what is asked, or null when it must change. */
export function keptStore(
  context: SqliteProvisionContext,
  world: World,
  options: ProvisionOptions,
): ProvisionReport | null {
  const started = context.now();
  const { action, existing } = decide(context, world, options);
  return action === 'keep' && existing !== null
    ? keptReport(existing, context.now() - started)
    : null;
}

/** Provisions; the caller holds the store's lock and no connection to it. */
export async function provisionSqlite(
  context: SqliteProvisionContext,
  world: World,
  options: ProvisionOptions,
): Promise<ProvisionReport> {
  const { config, description, createdFile, now } = context;
  const started = now();
  const stores = requestedStores(options);
  // Decided again under the lock: another process may have provisioned it meanwhile.
  const { action, existing } = decide(context, world, options);
  if (action === 'keep' && existing !== null) return keptReport(existing, now() - started);
  let db = new Database(config.path, { timeout: EXCLUSIVE_WAIT_MS });
  let changing = false;
  try {
    leaveWal(db, description);
    if (existing !== null && !existing.complete) {
      // An earlier provisioning stopped part-way, without a journal: start from an empty file.
      db.close();
      resetStoreFile(config.path, false);
      db = new Database(config.path, { timeout: EXCLUSIVE_WAIT_MS });
      leaveWal(db, description);
    }
    const meta = provisioningMeta(world, options);
    db.transaction(() => {
      db.exec(dropTableSql(META_TABLE));
      db.exec(createTableSql(META_TABLE));
      writeMeta(db, meta);
    })();
    changing = true;
    enterBulkMode(db);
    if (action === 'recreate') dropChatloadTables(db);
    const rowCounts = await createAndLoad(db, world, options, stores, now);
    db.pragma('synchronous = FULL');
    writeMeta(db, { ...meta, complete: true, rowCounts });
    // Runs read while they write; WAL is recorded in the file, so it holds for every connection.
    setJournalMode(db, 'wal');
    return {
      status: 'created',
      fingerprint: world.fingerprint,
      tables: rowCounts,
      durationMs: now() - started,
    };
  } catch (error) {
    db.close();
    if (changing) resetStoreFile(config.path, createdFile);
    const reset = !changing ? 'none' : createdFile ? 'removed' : 'emptied';
    throw provisioningFailure(error, description, reset);
  } finally {
    if (db.open) db.close();
  }
}
