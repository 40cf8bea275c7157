/**
 * The schema definition (tables.ts) rendered to T-SQL that runs on SQL Server 2008 R2 (10.50)
 * and every later version: no `DROP ... IF EXISTS`, no `CREATE OR ALTER` — existence is tested
 * with OBJECT_ID / sys.indexes instead, so every batch can be re-run safely.
 *
 * The result is a list of batches, not a script: `GO` is a client-tool separator, not T-SQL, and
 * `CREATE FUNCTION` must be alone in its batch, so the provisioner sends each batch on its own.
 * Identifiers are bracket-quoted everywhere (`[index]` is a reserved word). Everything lives in
 * the `dbo` schema, as in the product.
 *
 * Order for a fast, trusted load: tables with their primary keys first; rows bulk-loaded; then
 * the secondary indexes (built once over the loaded rows instead of maintained row by row); then
 * the foreign keys. SQL Server checks a new constraint against the existing rows by default, so
 * the keys come out validated and trusted (bulk loads skip constraint checks) without an
 * explicit `WITH CHECK`, which TDS-compatible servers such as Babelfish refuse. Drops run in
 * reverse creation order, so no table is dropped while another still references it.
 */
import { META_TABLE, TABLES, tableDef } from './tables.js';
import type { ForeignKeyDef, IndexDef, SqlType, StoreName, TableDef } from './types.js';

/** One batch of DDL; `name` says what it does, for progress and error messages. */
export interface DdlBatch {
  name: string;
  text: string;
}

export function quoteName(name: string): string {
  return `[${name.replaceAll(']', ']]')}]`;
}

/** `N'...'` literal for names used inside OBJECT_ID() and catalog lookups. */
function unicodeLiteral(text: string): string {
  return `N'${text.replaceAll("'", "''")}'`;
}

function qualified(table: string): string {
  return `${quoteName('dbo')}.${quoteName(table)}`;
}

function objectIdOf(name: string, type: 'U' | 'F' | 'FN'): string {
  return `OBJECT_ID(${unicodeLiteral(`dbo.${name}`)}, N'${type}')`;
}

export function tsqlType(type: SqlType): string {
  switch (type.kind) {
    case 'nvarchar':
    case 'varchar':
      return `${type.kind}(${type.length})`;
    default:
      return type.kind;
  }
}

function columnsOf(names: readonly string[]): string {
  return names.map(quoteName).join(', ');
}

export function createTableBatch(table: TableDef): DdlBatch {
  const lines = table.columns.map(
    (c) =>
      `    ${quoteName(c.name)} ${tsqlType(c.type)}${c.identity === true ? ' IDENTITY(1,1)' : ''} ${c.nullable ? 'NULL' : 'NOT NULL'}`,
  );
  if (table.primaryKey !== null) {
    lines.push(
      `    CONSTRAINT ${quoteName(`PK_${table.name}`)} PRIMARY KEY CLUSTERED (${columnsOf(table.primaryKey)})`,
    );
  }
  return {
    name: `create table ${table.name}`,
    text: `IF ${objectIdOf(table.name, 'U')} IS NULL\nCREATE TABLE ${qualified(table.name)} (\n${lines.join(',\n')}\n);`,
  };
}

/** A secondary index: nonclustered, CREATE INDEX's default (the clustered index is the PK). */
export function createIndexBatch(table: TableDef, index: IndexDef): DdlBatch {
  return {
    name: `create index ${index.name}`,
    text:
      `IF NOT EXISTS (SELECT 1 FROM sys.indexes AS i WHERE i.name = ${unicodeLiteral(index.name)} ` +
      `AND i.object_id = ${objectIdOf(table.name, 'U')})\n` +
      `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteName(index.name)} ` +
      `ON ${qualified(table.name)} (${columnsOf(index.columns)});`,
  };
}

export function foreignKeyName(table: TableDef, key: ForeignKeyDef): string {
  return `FK_${table.name}_${key.columns.join('_')}`;
}

/**
 * SQL Server refuses a foreign key between columns of different types (error 1778). The
 * published tblComplianceFanout.fanoutEventID is int while tblComplianceData.cmplEventID is
 * bigint; the column keeps its published type and the key is left out.
 */
export function isRenderableForeignKey(table: TableDef, key: ForeignKeyDef): boolean {
  const target = tableDef(key.table);
  return key.columns.every((name, i) => {
    const from = table.columns.find((c) => c.name === name);
    const to = target.columns.find((c) => c.name === key.references[i]);
    return from !== undefined && to !== undefined && tsqlType(from.type) === tsqlType(to.type);
  });
}

export function foreignKeyBatch(table: TableDef, key: ForeignKeyDef): DdlBatch {
  const name = foreignKeyName(table, key);
  return {
    name: `add foreign key ${name}`,
    text:
      `IF ${objectIdOf(name, 'F')} IS NULL\n` +
      `ALTER TABLE ${qualified(table.name)} ADD CONSTRAINT ${quoteName(name)} ` +
      `FOREIGN KEY (${columnsOf(key.columns)}) REFERENCES ${qualified(key.table)} (${columnsOf(key.references)});`,
  };
}

export function dropTableBatch(table: TableDef): DdlBatch {
  return {
    name: `drop table ${table.name}`,
    text: `IF ${objectIdOf(table.name, 'U')} IS NOT NULL\nDROP TABLE ${qualified(table.name)};`,
  };
}

export const TICKS_FUNCTION = 'fnTicksToDate';

/**
 * dbo.fnTicksToDate(ticks) → datetime, the function the published sample queries call (its body
 * is unpublished; this one follows mgc-schema.md §4.1). datetime rounds to 1/300 s. Alone in its
 * batch, without a guard: run it only when {@link ticksFunctionExistsQuery} finds none.
 */
export function createTicksFunctionBatch(): DdlBatch {
  return {
    name: `create function ${TICKS_FUNCTION}`,
    text: `CREATE FUNCTION ${qualified(TICKS_FUNCTION)} (@ticks bigint)
RETURNS datetime
WITH SCHEMABINDING, RETURNS NULL ON NULL INPUT
AS
BEGIN
    RETURN DATEADD(ms, CAST((@ticks % 864000000000) / 10000 AS int),
                   DATEADD(day, CAST(@ticks / 864000000000 - 693595 AS int), CAST('19000101' AS datetime)));
END;`,
  };
}

/** One row, `id`: the function's object id, NULL when it does not exist. */
export function ticksFunctionExistsQuery(): DdlBatch {
  return {
    name: `find function ${TICKS_FUNCTION}`,
    text: `SELECT ${objectIdOf(TICKS_FUNCTION, 'FN')} AS id;`,
  };
}

export function dropTicksFunctionBatch(): DdlBatch {
  return {
    name: `drop function ${TICKS_FUNCTION}`,
    text: `IF ${objectIdOf(TICKS_FUNCTION, 'FN')} IS NOT NULL\nDROP FUNCTION ${qualified(TICKS_FUNCTION)};`,
  };
}

/** The tables chatload creates in a database holding these stores, in creation order. */
export function tablesFor(stores: { mgc: boolean; mgccomp: boolean }): TableDef[] {
  const selected = TABLES.filter((t) => (t.store === 'mgc' ? stores.mgc : stores.mgccomp));
  return [META_TABLE, ...selected];
}

export interface TsqlSchema {
  /** CREATE TABLE with primary keys, in foreign-key order. */
  tables: DdlBatch[];
  /** Secondary indexes, to run after the bulk load. */
  indexes: DdlBatch[];
  /** Foreign keys (checked, hence trusted), to run after the indexes (some reference a unique index). */
  foreignKeys: DdlBatch[];
  /** Present when the `mgc` store is: the published queries call dbo.fnTicksToDate. */
  ticksFunction: DdlBatch | null;
  /**
   * DROP TABLE of every table of both stores in reverse creation order, then the function: for
   * --force on a database that chatload_meta shows is chatload's, where anything of the schema
   * was made by chatload, whichever stores it held before.
   */
  drops: DdlBatch[];
}

export function renderTsqlSchema(stores: { mgc: boolean; mgccomp: boolean }): TsqlSchema {
  const tables = tablesFor(stores);
  return {
    tables: tables.map(createTableBatch),
    indexes: tables.flatMap((t) => t.indexes.map((index) => createIndexBatch(t, index))),
    foreignKeys: tables.flatMap((t) =>
      t.foreignKeys.filter((k) => isRenderableForeignKey(t, k)).map((k) => foreignKeyBatch(t, k)),
    ),
    ticksFunction: stores.mgc ? createTicksFunctionBatch() : null,
    drops: [
      ...tablesFor({ mgc: true, mgccomp: true }).reverse().map(dropTableBatch),
      dropTicksFunctionBatch(),
    ],
  };
}

/** Names of the published tables of a store: their presence without chatload_meta means foreign. */
export function publishedTableNames(store?: StoreName): string[] {
  return TABLES.filter((t) => store === undefined || t.store === store).map((t) => t.name);
}
