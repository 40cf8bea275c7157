/**
 * The schema definition rendered as SQLite DDL. Every identifier is double-quoted (`index` is a
 * column name). Types map to SQLite affinities: integers of every width and bit to INTEGER
 * (so ticks and chatIds are 64-bit integers, and a single-column integer key is the rowid),
 * text, GUIDs and date/times to TEXT (ISO 8601 for date/times), image to BLOB.
 */
import type { SqlType, TableDef } from './types.js';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function sqliteType(type: SqlType): 'INTEGER' | 'TEXT' | 'BLOB' {
  switch (type.kind) {
    case 'int':
    case 'smallint':
    case 'bigint':
    case 'bit':
      return 'INTEGER';
    case 'image':
      return 'BLOB';
    default:
      return 'TEXT';
  }
}

/**
 * Tables stored WITHOUT ROWID: those with a composite key, clustered on it as SQL Server clusters
 * a table on its primary key by default. The table IS its key's b-tree: no second copy of the
 * key, inserts in key order append, and reads by key prefix (a room's newest messages) walk one
 * b-tree. tblChat's rows carry text, but measured on a day of history it loads and pages as fast
 * as a rowid table with a separate key index.
 */
const WITHOUT_ROWID = new Set([
  'tblPrincipalAffiliations',
  'tblChat',
  'tblPrincipalRole',
  'tblScopePrincipal',
  'tblLastChatId',
  'tblPrincipalInvites',
  'tblPreference',
  'tblPrincipalMemberDifference',
  'tblPrincipalMembers',
  'tblSkippedAffiliations',
  'tblActivePeers',
  'tblConfig',
  'chatload_meta',
]);

export function isWithoutRowid(table: TableDef): boolean {
  return WITHOUT_ROWID.has(table.name);
}

/** CREATE TABLE with keys and foreign keys; secondary indexes come separately, after loading. */
export function createTableSql(table: TableDef): string {
  const parts = table.columns.map(
    (column) =>
      `${quoteIdent(column.name)} ${sqliteType(column.type)}${column.nullable ? '' : ' NOT NULL'}`,
  );
  if (table.primaryKey !== null) {
    parts.push(`PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(', ')})`);
  }
  for (const key of table.foreignKeys) {
    parts.push(
      `FOREIGN KEY (${key.columns.map(quoteIdent).join(', ')}) REFERENCES ` +
        `${quoteIdent(key.table)} (${key.references.map(quoteIdent).join(', ')})`,
    );
  }
  const suffix = isWithoutRowid(table) ? ' WITHOUT ROWID' : '';
  return `CREATE TABLE ${quoteIdent(table.name)} (\n  ${parts.join(',\n  ')}\n)${suffix}`;
}

export function createIndexSql(table: TableDef): string[] {
  return table.indexes.map(
    (index) =>
      `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(index.name)} ON ` +
      `${quoteIdent(table.name)} (${index.columns.map(quoteIdent).join(', ')})`,
  );
}

export function dropTableSql(table: TableDef): string {
  return `DROP TABLE IF EXISTS ${quoteIdent(table.name)}`;
}

/** A multi-row INSERT of every column, `rows` value lists of positional parameters. */
export function insertRowsSql(table: TableDef, rows: number): string {
  const tuple = `(${table.columns.map(() => '?').join(', ')})`;
  const columns = table.columns.map((column) => quoteIdent(column.name)).join(', ');
  return (
    `INSERT INTO ${quoteIdent(table.name)} (${columns}) VALUES ` +
    Array.from({ length: rows }, () => tuple).join(', ')
  );
}
