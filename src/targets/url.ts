/**
 * Parses `--target` / `--compliance-target` values, validated once here:
 *
 * - `sqlite:PATH[?synchronous=full|normal]` — the embedded default (`sqlite:.chatload/mgc.db`);
 *   `sqlite:///abs/path` is accepted too. `sqlite:` without a path is refused: it is what
 *   `sqlite:$DB` gives when the variable is unset, and must not quietly mean some other file.
 * - `null:[?serviceMs=N&latencyMs=N&connectMs=N&stallAt=D&stallFor=D]` — executes nothing
 *   (optionally: a synthetic service time per transaction that blocks the worker, a network
 *   round trip that does not, a time to open, and one stall of the whole target).
 * - SQL Server: `mssql://USER:PASSWORD@HOST[:PORT]/DATABASE?...` or the ADO.NET form
 *   `Server=...;Database=...;User Id=...;Password=...;`, parsed by the SQL Server target.
 *
 * Errors name the flag and list every accepted form; they never echo the text (it may hold a
 * password).
 */
import { join } from 'node:path';
import { parseDuration } from '../core/duration.js';
import { ChatloadError, InputError } from '../core/errors.js';
import { describeNull, NO_DELAYS, type NullTargetConfig } from './null.js';
import {
  ACCEPTED_FORMS as MSSQL_FORMS,
  looksLikeMssqlTarget,
  parseMssqlTarget,
  redact,
  type MssqlTargetConfig,
} from './mssql/connection-string.js';
import {
  DEFAULT_SQLITE_PATH,
  describeSqlite,
  type SqliteSynchronous,
  type SqliteTargetConfig,
} from './sqlite/connection.js';

export type TargetSpec =
  | { kind: 'sqlite'; config: SqliteTargetConfig }
  | { kind: 'null'; config: NullTargetConfig }
  | { kind: 'mssql'; config: MssqlTargetConfig };

export const DEFAULT_TARGET = `sqlite:${DEFAULT_SQLITE_PATH}`;

/**
 * The embedded store a scenario uses when neither it nor the flags name a target. Each scenario
 * gets its own file because scenarios with different populations must not overwrite each
 * other's store: a shared file would be re-provisioned (or refused without --force) every time
 * another scenario ran.
 */
export function defaultScenarioTarget(scenarioName: string): string {
  return `sqlite:${join('.chatload', `${scenarioName}.db`)}`;
}

export const TARGET_FORMS: readonly string[] = [
  `sqlite:PATH[?synchronous=full|normal]   (default ${DEFAULT_TARGET}; full = every commit flushed to disk)`,
  'null:[?serviceMs=N&latencyMs=N&connectMs=N&stallAt=D&stallFor=D]   (executes nothing: measures the generator and pool; optionally a blocking service time, a non-blocking round trip per store transaction, a time to open, one stall)',
  ...MSSQL_FORMS,
];

function formsHint(): string {
  return `Accepted forms:\n  ${TARGET_FORMS.join('\n  ')}`;
}

function invalid(flag: string, problem: string, cause?: unknown): InputError {
  return new InputError(flag, problem, {
    hint: formsHint(),
    ...(cause === undefined ? {} : { cause }),
  });
}

function parseSqlite(rest: string, flag: string): SqliteTargetConfig {
  const queryAt = rest.indexOf('?');
  let path = queryAt < 0 ? rest : rest.slice(0, queryAt);
  if (path.startsWith('///')) path = path.slice(2);
  else if (path.startsWith('//')) {
    throw invalid(
      flag,
      'sqlite://PATH is ambiguous: write sqlite:PATH, or sqlite:///ABSOLUTE/PATH',
    );
  }
  if (path === '') {
    throw invalid(
      flag,
      `sqlite: needs a path, e.g. ${DEFAULT_TARGET} (leave the target out for the default store)`,
    );
  }
  if (path === ':memory:' || path.startsWith('file:')) {
    throw invalid(flag, 'sqlite needs a file path: each worker opens its own connection to it');
  }
  let synchronous: SqliteSynchronous = 'full';
  const query = queryAt < 0 ? '' : rest.slice(queryAt + 1);
  for (const pair of query.split('&').filter((p) => p !== '')) {
    const [key = '', value = ''] = pair.split('=');
    if (key !== 'synchronous') {
      throw invalid(
        flag,
        `unknown sqlite option "${key}" (the only option is synchronous=full|normal)`,
      );
    }
    const v = value.toLowerCase();
    if (v !== 'full' && v !== 'normal') {
      throw invalid(flag, `synchronous must be full or normal (got "${value}")`);
    }
    synchronous = v;
  }
  return { path, synchronous };
}

/** Synthetic waits beyond an hour are a typo, not a network. */
const MAX_NULL_LATENCY_MS = 3_600_000;

function nullMs(value: string, max = Infinity): number {
  const ms = Number(value);
  if (value.trim() === '' || !(ms >= 0) || ms > max) {
    throw new RangeError(`a number of ms >= 0${max === Infinity ? '' : ` and <= ${max}`}`);
  }
  return ms;
}

function parseNull(text: string, flag: string): NullTargetConfig {
  const match = /^null:\/*(?:\?(.*))?$/i.exec(text);
  if (match === null) throw invalid(flag, 'null: takes no path (options go after "?")');
  const config: NullTargetConfig = { ...NO_DELAYS };
  for (const pair of (match[1] ?? '').split('&').filter((p) => p !== '')) {
    const [key = '', value = ''] = pair.split('=');
    try {
      if (key === 'serviceMs') config.serviceMs = nullMs(value);
      else if (key === 'latencyMs') config.latencyMs = nullMs(value, MAX_NULL_LATENCY_MS);
      else if (key === 'connectMs') config.connectMs = nullMs(value, MAX_NULL_LATENCY_MS);
      else if (key === 'stallAt') config.stallAtMs = parseDuration(value);
      else if (key === 'stallFor') config.stallForMs = parseDuration(value);
      else throw new RangeError('one of serviceMs, latencyMs, connectMs, stallAt, stallFor');
    } catch (error) {
      const expected = error instanceof RangeError ? error.message : String(error);
      throw invalid(flag, `null: option "${key}=${value}" is not valid (expected ${expected})`);
    }
  }
  if ((config.stallAtMs === null) !== (config.stallForMs === 0)) {
    throw invalid(flag, 'null: stallAt and stallFor go together');
  }
  return config;
}

export function parseTargetUrl(text: string, flag = '--target'): TargetSpec {
  const trimmed = text.trim();
  if (trimmed === '') throw invalid(flag, 'the target is empty');
  if (/^sqlite:/i.test(trimmed)) {
    return { kind: 'sqlite', config: parseSqlite(trimmed.slice('sqlite:'.length), flag) };
  }
  if (/^null:/i.test(trimmed)) return { kind: 'null', config: parseNull(trimmed, flag) };
  if (looksLikeMssqlTarget(trimmed)) {
    try {
      return { kind: 'mssql', config: parseMssqlTarget(trimmed) };
    } catch (error) {
      if (error instanceof ChatloadError) throw invalid(flag, error.message, error);
      throw error;
    }
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1];
  throw invalid(
    flag,
    scheme === undefined
      ? 'not a target URL (no recognised scheme)'
      : `unknown target kind "${scheme}:"`,
  );
}

/** Safe to print: never contains a password. */
export function describeTarget(spec: TargetSpec): string {
  switch (spec.kind) {
    case 'sqlite':
      return describeSqlite(spec.config);
    case 'null':
      return describeNull(spec.config);
    case 'mssql':
      return redact(spec.config);
  }
}

/** Whether two specs name the same database (then mgc and mgccomp share it). */
export function sameDatabase(a: TargetSpec, b: TargetSpec): boolean {
  if (a.kind === 'sqlite' && b.kind === 'sqlite') return a.config.path === b.config.path;
  if (a.kind === 'mssql' && b.kind === 'mssql') return describeTarget(a) === describeTarget(b);
  return a.kind === 'null' && b.kind === 'null';
}
