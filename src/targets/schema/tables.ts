/**
 * THE schema definition: every documented table of `mgc` (27) and `mgccomp` (4), dialect-free,
 * in creation order (referenced tables first), plus `chatload_meta`. Both renderers and both
 * provisioners read it; nothing else lists tables or columns.
 */
import { AD_SYNC_TABLES } from './tables-adsync.js';
import { CHAT_TABLES, SERVER_TABLES } from './tables-chat.js';
import { COMPLIANCE_TABLES, META_TABLE } from './tables-mgccomp.js';
import { PRINCIPAL_TABLES } from './tables-principals.js';
import type { StoreName, TableDef } from './types.js';

export type { ColumnDef, ForeignKeyDef, IndexDef, SqlType, StoreName, TableDef } from './types.js';
export { sqlTypeName } from './types.js';
export { META_TABLE };

/** Bumped whenever the definition changes in a way an existing store would not match. */
export const SCHEMA_VERSION = 1;

export const TABLES: readonly TableDef[] = [
  ...PRINCIPAL_TABLES,
  ...CHAT_TABLES,
  ...AD_SYNC_TABLES,
  ...SERVER_TABLES,
  ...COMPLIANCE_TABLES,
];

/** The tables of one store, in creation order. */
export function tablesOf(store: StoreName): TableDef[] {
  return TABLES.filter((table) => table.store === store);
}

const BY_NAME = new Map(TABLES.map((table) => [table.name, table]));

export function tableDef(name: string): TableDef {
  const table = BY_NAME.get(name);
  if (table === undefined) throw new RangeError(`no table named ${name} in the schema`);
  return table;
}

/** Column names of a table in definition order: the order store rows are yielded in. */
export function columnNames(name: string): string[] {
  return tableDef(name).columns.map((column) => column.name);
}
