/**
 * The vocabulary of the dialect-free schema definition: SQL Server's column types as data, tables
 * with keys and indexes, and small builders that keep the table list readable. Renderers
 * (`render-sqlite.ts`, `render-tsql.ts`) turn these into DDL for their engine.
 */

/** The two documented databases; `chatload_meta` lives in every store chatload creates. */
export type StoreName = 'mgc' | 'mgccomp';

/** A column type as SQL Server declares it (the published schema's types). */
export type SqlType =
  | { kind: 'int' }
  | { kind: 'smallint' }
  | { kind: 'bigint' }
  | { kind: 'bit' }
  | { kind: 'nvarchar'; length: number | 'max' }
  | { kind: 'varchar'; length: number | 'max' }
  | { kind: 'uniqueidentifier' }
  | { kind: 'datetime' }
  | { kind: 'datetime2' }
  | { kind: 'smalldatetime' }
  | { kind: 'image' };

export interface ColumnDef {
  name: string;
  type: SqlType;
  nullable: boolean;
  /**
   * The database assigns the value on insert (IDENTITY on SQL Server, the rowid on SQLite).
   * How the product generates these ids is unpublished; this is chatload's choice.
   */
  identity?: true;
}

export interface ForeignKeyDef {
  columns: readonly string[];
  table: string;
  references: readonly string[];
}

/**
 * A secondary index. None are published for the real `mgc`, so every index here is something
 * chatload adds; `reason` says why, and reports label them as simulator additions.
 */
export interface IndexDef {
  name: string;
  columns: readonly string[];
  unique: boolean;
  addedBy: 'chatload';
  reason: string;
}

export interface TableDef {
  name: string;
  store: StoreName;
  /** One line: what the table holds. */
  description: string;
  columns: readonly ColumnDef[];
  /** Null when the published schema documents no key. */
  primaryKey: readonly string[] | null;
  foreignKeys: readonly ForeignKeyDef[];
  indexes: readonly IndexDef[];
  /** Documented quirks carried over on purpose, and our readings of unclear points. */
  notes: readonly string[];
}

export const int: SqlType = { kind: 'int' };
export const smallint: SqlType = { kind: 'smallint' };
export const bigint: SqlType = { kind: 'bigint' };
export const bit: SqlType = { kind: 'bit' };
export const uniqueidentifier: SqlType = { kind: 'uniqueidentifier' };
export const datetime: SqlType = { kind: 'datetime' };
export const datetime2: SqlType = { kind: 'datetime2' };
export const smalldatetime: SqlType = { kind: 'smalldatetime' };
export const image: SqlType = { kind: 'image' };
export const nvarchar = (length: number | 'max'): SqlType => ({ kind: 'nvarchar', length });
export const varchar = (length: number | 'max'): SqlType => ({ kind: 'varchar', length });

/** A NOT NULL column. */
export const nn = (name: string, type: SqlType): ColumnDef => ({ name, type, nullable: false });
/** A nullable column. */
export const nul = (name: string, type: SqlType): ColumnDef => ({ name, type, nullable: true });

export const fk = (
  columns: readonly string[],
  table: string,
  references: readonly string[],
): ForeignKeyDef => ({ columns, table, references });

export const chatloadIndex = (
  name: string,
  columns: readonly string[],
  unique: boolean,
  reason: string,
): IndexDef => ({ name, columns, unique, addedBy: 'chatload', reason });

/** Renders a type the way SQL Server writes it, for messages and documentation. */
export function sqlTypeName(type: SqlType): string {
  switch (type.kind) {
    case 'nvarchar':
    case 'varchar':
      return `${type.kind}(${type.length})`;
    default:
      return type.kind;
  }
}

/**
 * One value of a store row, dialect-free: integers as number (int, smallint, bit), bigint columns
 * (ticks, chatId) as bigint, text and GUIDs as string, date/time columns as Date, image as
 * Buffer. Each target binds these to its driver's types.
 */
export type SqlValue = number | bigint | string | Date | Buffer | null;
export type SqlRow = SqlValue[];
