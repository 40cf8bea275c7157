/**
 * Snapshots of SQL Server's cumulative evidence (waits, file I/O, counters, statement
 * statistics) through a connection of its own. A view the login may not read (VIEW SERVER STATE
 * missing: msg 297/300), a view the server does not have (Babelfish: "invalid object name",
 * "relation … does not exist"), a lost connection: each becomes an unknown fact with the reason.
 * A sample never throws.
 */
import sql from 'mssql';
import { classifyMssqlError, driverFacts, toTargetError } from '../../targets/mssql/errors.js';
import { endpointOf, type MssqlTargetConfig } from '../../targets/mssql/config.js';
import { toPoolConfig } from '../../targets/mssql/pool-config.js';
import { bind, type SqlValues, type TsqlStatement } from '../../targets/mssql/tsql.js';
import { known, unknown, type Fact } from '../fact.js';
import type { CounterRow } from './counters.js';
import type { FileRow } from './files.js';
import { FILE_STATS, PERFORMANCE_COUNTERS, QUERY_STATS, WAIT_STATS } from './queries.js';
import type { QueryStatsRow } from './query-stats.js';
import { counterRow, fileRow, queryStatsRow, waitRow, type Row } from './rows.js';
import type { WaitRow } from './waits.js';

export interface MssqlSnapshot {
  /** The sampler's monotonic clock (ms) halfway through the sample: rates divide by its deltas. */
  atMs: number;
  waits: Fact<WaitRow[]>;
  /** Per database name, in the order given. */
  files: { database: string; rows: Fact<FileRow[]> }[];
  counters: Fact<CounterRow[]>;
  statements: Fact<QueryStatsRow[]>;
}

/** Runs one statement with its parameters and returns the first result set. */
export type RunQuery = (stmt: TsqlStatement, values: SqlValues) => Promise<Row[]>;

export interface SampleOptions {
  /** The databases holding mgc and mgccomp (one name when both stores share a database). */
  databases: readonly string[];
  /** Statements executed this recently are read (covers a step and its warm-up). @default 900 */
  recentSeconds?: number;
  /** Monotonic ms. @default performance.now */
  now?: () => number;
}

const VIEW_OF: Record<string, string> = {
  [WAIT_STATS.name]: 'sys.dm_os_wait_stats',
  [FILE_STATS.name]: 'sys.dm_io_virtual_file_stats',
  [PERFORMANCE_COUNTERS.name]: 'sys.dm_os_performance_counters',
  [QUERY_STATS.name]: 'sys.dm_exec_query_stats',
};

const MISSING_OBJECT = /invalid object name|(relation|function|view) .* does not exist/i;

/** Why a view could not be read, in words a DBA acts on. */
export function unreadableReason(view: string, error: unknown): string {
  const facts = driverFacts(error);
  if (classifyMssqlError(error) === 'permission') {
    return `the login lacks VIEW SERVER STATE, which ${view} needs (SQL Server error ${facts.number ?? 'unknown'}); grant it to see this evidence`;
  }
  if (facts.number === 208 || MISSING_OBJECT.test(facts.message)) {
    return `this server has no ${view} (a TDS-compatible server such as Babelfish may lack it): ${facts.message}`;
  }
  return `${view} could not be read: ${facts.message}`;
}

async function readFact<T>(
  run: RunQuery,
  stmt: TsqlStatement,
  values: SqlValues,
  parse: (row: Row) => T,
): Promise<Fact<T[]>> {
  const view = VIEW_OF[stmt.name] ?? stmt.name;
  let rows: Row[];
  try {
    rows = await run(stmt, values);
  } catch (error) {
    return unknown(unreadableReason(view, error));
  }
  try {
    return known(rows.map(parse));
  } catch (error) {
    return unknown(`${view} returned an unexpected row: ${(error as Error).message}`);
  }
}

/** One snapshot through `run`. Never throws. */
export async function takeMssqlSnapshot(
  run: RunQuery,
  options: SampleOptions,
): Promise<MssqlSnapshot> {
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const waits = await readFact(run, WAIT_STATS, {}, waitRow);
  const counters = await readFact(run, PERFORMANCE_COUNTERS, {}, counterRow);
  const files: MssqlSnapshot['files'] = [];
  for (const database of options.databases) {
    files.push({
      database,
      rows: await readFact(run, FILE_STATS, { database }, (row) => fileRow(database, row)),
    });
  }
  const statements = await readFact(
    run,
    QUERY_STATS,
    { recentSeconds: options.recentSeconds ?? 900 },
    queryStatsRow,
  );
  return { atMs: (startedAt + now()) / 2, waits, files, counters, statements };
}

/** A snapshot in which every fact is unknown for one reason (e.g. no connection). */
export function unknownSnapshot(
  reason: string,
  databases: readonly string[],
  atMs: number,
): MssqlSnapshot {
  return {
    atMs,
    waits: unknown(reason),
    files: databases.map((database) => ({ database, rows: unknown(reason) })),
    counters: unknown(reason),
    statements: unknown(reason),
  };
}

/**
 * The sampler of one SQL Server: one connection of its own (the target's settings, application
 * name `<appName> evidence` so a DBA can tell it apart), opened at the first sample. Run it on
 * the main thread; its queries are a few milliseconds each, once at a step's start and end.
 */
export class MssqlEvidenceSampler {
  readonly #config: MssqlTargetConfig;
  private pool: sql.ConnectionPool | null = null;
  private readonly options: SampleOptions;

  constructor(config: MssqlTargetConfig, options: SampleOptions) {
    this.#config = { ...config, appName: `${config.appName} evidence` };
    this.options = options;
  }

  private async connect(): Promise<sql.ConnectionPool> {
    if (this.pool !== null) return this.pool;
    const pool = new sql.ConnectionPool(toPoolConfig(this.#config, 1));
    pool.on('error', () => undefined);
    await pool.connect();
    this.pool = pool;
    return pool;
  }

  async sample(): Promise<MssqlSnapshot> {
    const now = this.options.now ?? (() => performance.now());
    let pool: sql.ConnectionPool;
    try {
      pool = await this.connect();
    } catch (error) {
      const where = {
        endpoint: endpointOf(this.#config),
        user: this.#config.user,
        database: this.#config.database,
        statement: 'connect for evidence',
      };
      const reason = `no connection for evidence: ${toTargetError(error, where).message}`;
      return unknownSnapshot(reason, this.options.databases, now());
    }
    const run: RunQuery = async (stmt, values) =>
      (await bind(pool.request(), stmt, values).query<Row>(stmt.text)).recordset ?? [];
    return takeMssqlSnapshot(run, this.options);
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool !== null) await pool.close();
  }
}
