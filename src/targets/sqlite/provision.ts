/**
 * Provisioning a SQLite store: refuse someone else's store, recognise our own (same world: a
 * no-op; another world: only with --force), then create the schema and bulk-load the world.
 *
 * During the load the database runs with the journal off, synchronous off and foreign keys off
 * (the rows come in foreign-key order from a trusted generator; checking 22 M affiliation rows
 * one by one would double the load time), secondary indexes are built after the data, and the
 * run settings (WAL, the URL's synchronous, foreign keys on) are restored at the end. A crash
 * mid-load leaves a store marked incomplete, which the next provision recreates.
 */
import type Database from 'better-sqlite3';
import type { World } from '../../workload/types.js';
import { createIndexSql, createTableSql, dropTableSql } from '../schema/render-sqlite.js';
import { META_TABLE, TABLES } from '../schema/tables.js';
import type { StoreName } from '../schema/types.js';
import { provisionAction, provisioningMeta, requestedStores, wantedStore } from '../store-meta.js';
import { provisionRowOptions, storeRows } from '../store-rows.js';
import type { ProvisionOptions, ProvisionReport } from '../types.js';
import { bulkLoad } from './bulk-load.js';
import { applyRunPragmas, type SqliteTargetConfig } from './connection.js';
import { readStore, writeMeta } from './store-meta.js';

function dropChatloadObjects(db: Database.Database): void {
  db.pragma('foreign_keys = OFF');
  for (const table of [...TABLES].reverse()) db.exec(dropTableSql(table));
  db.exec(dropTableSql(META_TABLE));
}

function enterBulkMode(db: Database.Database): void {
  db.pragma('foreign_keys = OFF');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
}

/** Creates the stores' tables, loads the world's rows, then builds indexes and statistics. */
function createAndLoad(
  db: Database.Database,
  world: World,
  options: ProvisionOptions,
  stores: StoreName[],
  now: () => number,
): Record<string, number> {
  const tables = TABLES.filter((table) => stores.includes(table.store));
  for (const table of tables) db.exec(createTableSql(table));

  const loads = storeRows(world, provisionRowOptions(options));
  const rowCounts: Record<string, number> = Object.fromEntries(tables.map((t) => [t.name, 0]));
  for (const load of loads) {
    const tableStarted = now();
    rowCounts[load.table.name] = bulkLoad(db, load, ({ rows, totalRows }) =>
      options.progress?.({
        table: load.table.name,
        rows,
        totalRows,
        elapsedMs: now() - tableStarted,
      }),
    );
  }
  for (const table of tables) for (const sql of createIndexSql(table)) db.exec(sql);
  // Statistics let the planner pick key lookups over scans; a sample keeps it to seconds.
  db.pragma('analysis_limit = 1000');
  db.exec('ANALYZE');
  return rowCounts;
}

export interface SqliteProvisionContext {
  db: Database.Database;
  config: SqliteTargetConfig;
  description: string;
  /** Monotonic ms, for elapsed times. */
  now(): number;
}

export function provisionSqlite(
  { db, config, description, now }: SqliteProvisionContext,
  world: World,
  options: ProvisionOptions,
): ProvisionReport {
  const started = now();
  const stores = requestedStores(options);
  const { status, meta: existing } = readStore(db);
  const action = provisionAction(status, existing, wantedStore(world, options), description);
  if (action === 'keep' && existing !== null) {
    return {
      status: 'already-provisioned',
      fingerprint: existing.fingerprint,
      tables: existing.rowCounts,
      durationMs: now() - started,
    };
  }
  if (action === 'recreate') dropChatloadObjects(db);

  enterBulkMode(db);
  try {
    const meta = provisioningMeta(world, options);
    db.exec(createTableSql(META_TABLE));
    writeMeta(db, meta);
    const rowCounts = createAndLoad(db, world, options, stores, now);
    writeMeta(db, { ...meta, complete: true, rowCounts });
    return {
      status: 'created',
      fingerprint: world.fingerprint,
      tables: rowCounts,
      durationMs: now() - started,
    };
  } finally {
    db.pragma('cache_size = -16000');
    applyRunPragmas(db, config);
  }
}
