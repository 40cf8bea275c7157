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

export function mssqlType(type: SqlParamType): ISqlType {
  switch (type) {
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
    case 'nvarchar(max)':
      return sql.NVarChar(sql.MAX);
    case 'varchar(max)':
      return sql.VarChar(sql.MAX);
    default: {
      const length = Number(/^nvarchar\((\d+)\)$/.exec(type)?.[1]);
      return sql.NVarChar(length);
    }
  }
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
