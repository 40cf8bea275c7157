/**
 * A T-SQL statement as chatload sends it: fixed text with named parameters and their declared
 * SQL types, run through `request.query()` (sp_executesql, so the plan is cached per text).
 * Values never go into the text. Types are declared explicitly so the server never has to guess
 * (a guessed nvarchar length or an int for a bigint column costs plan reuse or an implicit
 * conversion on every row).
 */
import sql from 'mssql';
import type { ISqlType, Request } from 'mssql';
import { ChatloadError } from '../../core/errors.js';
import type { SqlType } from '../schema/types.js';

export type SqlParamType =
  | 'int'
  | 'smallint'
  | 'bigint'
  | 'bit'
  | 'uniqueidentifier'
  | 'datetime'
  | 'nvarchar(max)'
  | 'varchar(max)'
  | `nvarchar(${number})`;

export interface ParamSpec {
  readonly name: string;
  readonly type: SqlParamType;
}

export interface TsqlStatement {
  /** Stable name, used in error messages (`grpchat`, `provision: create tblChat`). */
  readonly name: string;
  readonly text: string;
  readonly params: readonly ParamSpec[];
}

/**
 * Parameter values. bigint parameters take a bigint or a decimal string only: ticks and chatIds
 * exceed 2^53 and must never pass through `number`.
 */
export type SqlValue = number | bigint | string | boolean | null;
export type SqlValues = Readonly<Record<string, SqlValue>>;

export function statement(
  name: string,
  text: string,
  params: readonly ParamSpec[] = [],
): TsqlStatement {
  return { name, text: text.trim(), params };
}

export function p(name: string, type: SqlParamType): ParamSpec {
  return { name, type };
}

/** The driver's type for a schema column type (datetime2 at its full precision, 7). */
export function driverType(type: SqlType): ISqlType {
  switch (type.kind) {
    case 'int':
      return sql.Int();
    case 'smallint':
      return sql.SmallInt();
    case 'bigint':
      return sql.BigInt();
    case 'bit':
      return sql.Bit();
    case 'uniqueidentifier':
      return sql.UniqueIdentifier();
    case 'datetime':
      return sql.DateTime();
    case 'datetime2':
      return sql.DateTime2(7);
    case 'smalldatetime':
      return sql.SmallDateTime();
    case 'image':
      return sql.Image();
    case 'nvarchar':
      return sql.NVarChar(type.length === 'max' ? sql.MAX : type.length);
    case 'varchar':
      return sql.VarChar(type.length === 'max' ? sql.MAX : type.length);
  }
}

/** A parameter type as the schema's column type. */
function columnTypeOf(type: SqlParamType): SqlType {
  switch (type) {
    case 'nvarchar(max)':
      return { kind: 'nvarchar', length: 'max' };
    case 'varchar(max)':
      return { kind: 'varchar', length: 'max' };
    case 'int':
    case 'smallint':
    case 'bigint':
    case 'bit':
    case 'uniqueidentifier':
    case 'datetime':
      return { kind: type };
    default:
      return { kind: 'nvarchar', length: Number(/^nvarchar\((\d+)\)$/.exec(type)?.[1]) };
  }
}

/** The driver's type for a parameter: the same as for a column of that SQL type. */
export function mssqlType(type: SqlParamType): ISqlType {
  return driverType(columnTypeOf(type));
}

function checkValue(stmt: TsqlStatement, spec: ParamSpec, value: SqlValue | undefined): SqlValue {
  if (value === undefined) {
    throw new ChatloadError('E_INTERNAL', `${stmt.name}: no value for @${spec.name}`);
  }
  if (spec.type === 'bigint' && typeof value === 'number') {
    throw new ChatloadError(
      'E_INTERNAL',
      `${stmt.name}: @${spec.name} is bigint and must be passed as a bigint or a string, not a number`,
    );
  }
  return value;
}

/** Adds every declared parameter to the request; a missing or mistyped value is a bug. */
export function bind(request: Request, stmt: TsqlStatement, values: SqlValues): Request {
  for (const spec of stmt.params) {
    request.input(spec.name, mssqlType(spec.type), checkValue(stmt, spec, values[spec.name]));
  }
  return request;
}

/** The driver returns bigint columns as decimal strings: convert at the boundary. */
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  throw new ChatloadError('E_INTERNAL', `expected a bigint column value, got ${String(value)}`);
}

/** Small bigint values (counts, ids below 2^53) as numbers, checked. */
export function toSafeNumber(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(toBigInt(value));
  if (!Number.isSafeInteger(n)) {
    throw new ChatloadError('E_INTERNAL', `expected a safe integer, got ${String(value)}`);
  }
  return n;
}
