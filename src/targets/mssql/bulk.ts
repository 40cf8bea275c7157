/**
 * Bulk loading of provisioned rows into SQL Server through the TDS bulk-load protocol (INSERT
 * BULK, node-mssql's `request.bulk()`): rows travel in chunks, each chunk one bulk operation
 * under a table lock, so millions of affiliation rows load at bulk speed instead of one INSERT
 * each. The shared row generators stream the rows; only one chunk is held at a time.
 */
import sql from 'mssql';
import type { ConnectionPool } from 'mssql';
import type { TableLoad } from '../store-rows.js';
import type { SqlRow, TableDef } from '../schema/types.js';
import { driverType } from './tsql.js';

/** Rows per bulk operation: large enough to amortise a round trip, small enough to hold. */
export const BULK_CHUNK_ROWS = 20_000;

/**
 * An empty bulk table shaped like the definition. Identity columns are left out: the server
 * assigns them (no provisioned table loads one).
 */
export function bulkTableFor(def: TableDef): sql.Table {
  const table = new sql.Table(`dbo.${def.name}`);
  table.create = false;
  for (const column of def.columns) {
    if (column.identity === true) continue;
    table.columns.add(column.name, driverType(column.type), { nullable: column.nullable });
  }
  return table;
}

/** Drops the values of identity columns from a row in definition order. */
function rowShaper(def: TableDef): (row: SqlRow) => SqlRow {
  const skip = def.columns.map((c) => c.identity === true);
  if (!skip.includes(true)) return (row) => row;
  return (row) => row.filter((_, i) => !skip[i]);
}

export interface BulkProgress {
  (rowsSoFar: number): void;
}

/** Loads every row of `load`, chunk by chunk; returns the number of rows loaded. */
export async function bulkLoad(
  pool: ConnectionPool,
  load: TableLoad,
  onChunk: BulkProgress,
  chunkRows = BULK_CHUNK_ROWS,
): Promise<number> {
  const table = bulkTableFor(load.table);
  const shape = rowShaper(load.table);
  let loaded = 0;
  const flush = async (): Promise<void> => {
    if (table.rows.length === 0) return;
    const count = table.rows.length;
    await pool.request().bulk(table, { tableLock: true, keepNulls: true });
    table.rows.clear();
    loaded += count;
    onChunk(loaded);
  };
  for (const row of load.rows()) {
    // The typings omit bigint, which tedious takes for bigint columns (exact, unlike number).
    table.rows.add(...(shape(row) as Parameters<typeof table.rows.add>));
    if (table.rows.length >= chunkRows) await flush();
  }
  await flush();
  return loaded;
}
