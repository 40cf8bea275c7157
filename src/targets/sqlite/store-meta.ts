/**
 * Whose store is this? `chatload_meta` marks a database chatload created and records what it was
 * filled from; Persistent Chat tables without it mean someone else's store (possibly a
 * production `mgc`), which chatload never writes to.
 */
import type Database from 'better-sqlite3';
import { META_TABLE, SCHEMA_VERSION, TABLES } from '../schema/tables.js';
import type { StoreName } from '../schema/types.js';
import type { StoreStatus } from '../types.js';

/** What chatload recorded when it provisioned the store. */
export interface StoreMeta {
  schemaVersion: number;
  fingerprint: string;
  model: string;
  users: number;
  seed: number;
  historyDays: number;
  stores: StoreName[];
  toolVersion: string;
  createdAt: string;
  /** False while provisioning runs (or if it was interrupted). */
  complete: boolean;
  rowCounts: Record<string, number>;
}

const PUBLISHED_TABLES = new Set(TABLES.map((table) => table.name.toLowerCase()));

function tableNames(db: Database.Database): string[] {
  return (
    db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((row) => row.name);
}

export function hasMetaTable(db: Database.Database): boolean {
  return tableNames(db).some((name) => name.toLowerCase() === META_TABLE.name);
}

export function readMeta(db: Database.Database): StoreMeta | null {
  if (!hasMetaTable(db)) return null;
  const rows = db
    .prepare<[], { metaKey: string; metaValue: string }>(
      'SELECT "metaKey", "metaValue" FROM "chatload_meta"',
    )
    .all();
  const value = new Map(rows.map((row) => [row.metaKey, row.metaValue]));
  const text = (key: string): string => value.get(key) ?? '';
  const number = (key: string): number => Number(value.get(key) ?? 'NaN');
  return {
    schemaVersion: number('schema_version'),
    fingerprint: text('fingerprint'),
    model: text('model'),
    users: number('users'),
    seed: number('seed'),
    historyDays: number('history_days'),
    stores: text('stores')
      .split(',')
      .filter((s): s is StoreName => s === 'mgc' || s === 'mgccomp'),
    toolVersion: text('tool_version'),
    createdAt: text('created_at'),
    complete: text('complete') === '1',
    rowCounts: JSON.parse(value.get('row_counts') ?? '{}') as Record<string, number>,
  };
}

export function writeMeta(db: Database.Database, meta: StoreMeta): void {
  const entries: Record<string, string> = {
    schema_version: String(meta.schemaVersion),
    fingerprint: meta.fingerprint,
    model: meta.model,
    users: String(meta.users),
    seed: String(meta.seed),
    history_days: String(meta.historyDays),
    stores: meta.stores.join(','),
    tool_version: meta.toolVersion,
    created_at: meta.createdAt,
    complete: meta.complete ? '1' : '0',
    row_counts: JSON.stringify(meta.rowCounts),
  };
  const upsert = db.prepare(
    'INSERT INTO "chatload_meta" ("metaKey", "metaValue") VALUES (?, ?) ' +
      'ON CONFLICT ("metaKey") DO UPDATE SET "metaValue" = excluded."metaValue"',
  );
  db.transaction(() => {
    for (const [key, text] of Object.entries(entries)) upsert.run(key, text);
  })();
}

export function inspectSqliteStore(db: Database.Database): StoreStatus {
  const meta = readMeta(db);
  if (meta !== null) {
    return { state: 'chatload', schemaVersion: meta.schemaVersion, fingerprint: meta.fingerprint };
  }
  const published = tableNames(db).filter((name) => PUBLISHED_TABLES.has(name.toLowerCase()));
  if (published.length === 0) return { state: 'empty' };
  const named = published.slice(0, 3).join(', ');
  const more = published.length > 3 ? ` and ${published.length - 3} more` : '';
  return {
    state: 'foreign',
    evidence: `Persistent Chat table${published.length > 1 ? 's' : ''} ${named}${more} without chatload_meta`,
  };
}

export { SCHEMA_VERSION };
