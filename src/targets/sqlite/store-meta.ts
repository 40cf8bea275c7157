/**
 * chatload_meta in a SQLite store: reading it (with the tables that tell whose store this is)
 * and writing it. What the meta means is dialect-free (../store-meta.ts).
 */
import type Database from 'better-sqlite3';
import { META_TABLE, TABLES } from '../schema/tables.js';
import { metaEntries, metaFromEntries, storeStatusOf, type StoreMeta } from '../store-meta.js';
import type { StoreStatus } from '../types.js';

// SQLite table names are case-insensitive, so a store made by other tools matches in any case.
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

function readMetaRows(db: Database.Database): StoreMeta {
  const rows = db
    .prepare<[], { metaKey: string; metaValue: string }>(
      'SELECT "metaKey", "metaValue" FROM "chatload_meta"',
    )
    .all();
  return metaFromEntries(new Map(rows.map((row) => [row.metaKey, row.metaValue])));
}

/** The store's status and chatload_meta's content (null when that table does not exist). */
export function readStore(db: Database.Database): { status: StoreStatus; meta: StoreMeta | null } {
  const names = tableNames(db);
  const meta = names.some((name) => name.toLowerCase() === META_TABLE.name)
    ? readMetaRows(db)
    : null;
  const published = names.filter((name) => PUBLISHED_TABLES.has(name.toLowerCase()));
  return { status: storeStatusOf(published, meta), meta };
}

export function readMeta(db: Database.Database): StoreMeta | null {
  return readStore(db).meta;
}

export function inspectSqliteStore(db: Database.Database): StoreStatus {
  return readStore(db).status;
}

export function writeMeta(db: Database.Database, meta: StoreMeta): void {
  const upsert = db.prepare(
    'INSERT INTO "chatload_meta" ("metaKey", "metaValue") VALUES (?, ?) ' +
      'ON CONFLICT ("metaKey") DO UPDATE SET "metaValue" = excluded."metaValue"',
  );
  db.transaction(() => {
    for (const [key, text] of metaEntries(meta)) upsert.run(key, text);
  })();
}
