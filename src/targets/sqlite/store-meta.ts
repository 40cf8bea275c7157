/**
 * chatload_meta in a SQLite store: reading it (with the tables that tell whose store this is)
 * and writing it. What the meta means is dialect-free (../store-meta.ts).
 */
import type Database from 'better-sqlite3';
import { META_TABLE, TABLES } from '../schema/tables.js';
import {
  metaEntries,
  readMetaTable,
  storeStatusOf,
  validMeta,
  type MetaTable,
  type StoreMeta,
} from '../store-meta.js';
import type { StoreStatus } from '../types.js';
import { sqliteErrorCode } from './errors.js';

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

function readMetaRows(db: Database.Database): MetaTable {
  let rows: { metaKey: unknown; metaValue: unknown }[];
  try {
    rows = db
      .prepare<[], { metaKey: unknown; metaValue: unknown }>(
        'SELECT "metaKey", "metaValue" FROM "chatload_meta"',
      )
      .all();
  } catch (error) {
    // Another tool's table of that name, with other columns.
    if (sqliteErrorCode(error) !== 'SQLITE_ERROR') throw error;
    return { valid: false, problem: 'not the metaKey / metaValue columns chatload writes' };
  }
  return readMetaTable(new Map(rows.map((row) => [String(row.metaKey), String(row.metaValue)])));
}

/**
 * The store's status and chatload_meta's record (null unless it is a valid one). The file is one
 * database, so tables that are neither the schema's nor chatload_meta make it someone else's too.
 */
export function readStore(db: Database.Database): { status: StoreStatus; meta: StoreMeta | null } {
  const names = tableNames(db);
  const isMeta = (name: string) => name.toLowerCase() === META_TABLE.name.toLowerCase();
  const metaTable = names.some(isMeta) ? readMetaRows(db) : null;
  const published = names.filter((name) => PUBLISHED_TABLES.has(name.toLowerCase()));
  const others = names.filter((name) => !isMeta(name) && !PUBLISHED_TABLES.has(name.toLowerCase()));
  return { status: storeStatusOf(published, metaTable, others), meta: validMeta(metaTable) };
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
