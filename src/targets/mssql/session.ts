/**
 * One worker's way of running T-SQL on its connection pool: parameterized statements through
 * `request.query()` (sp_executesql: one cached plan per statement text) with the deadlock /
 * lock-timeout retry policy applied, and plain DDL batches through `request.batch()`.
 */
import type { ConnectionPool, Transaction } from 'mssql';
import type { DdlBatch } from '../schema/render-tsql.js';
import { DEFAULT_RETRY_POLICY, realSleep, withRetry, type RetryPolicy } from './retry.js';
import { bind, type SqlValues, type TsqlStatement } from './tsql.js';

/** Where retries are counted (a BatchOutcome, or a throwaway counter). */
export interface RetryCounter {
  retries: number;
}

export interface SessionOptions {
  policy: RetryPolicy;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const DEFAULT_SESSION_OPTIONS: SessionOptions = {
  policy: DEFAULT_RETRY_POLICY,
  sleep: realSleep,
  random: Math.random,
};

export type Row = Record<string, unknown>;

export class MssqlSession {
  constructor(
    readonly pool: ConnectionPool,
    private readonly options: SessionOptions = DEFAULT_SESSION_OPTIONS,
  ) {}

  /** Runs a statement (retried per the policy) and returns its first result set. */
  async rows(stmt: TsqlStatement, values: SqlValues, counter: RetryCounter): Promise<Row[]> {
    const result = await withRetry(
      () => bind(this.pool.request(), stmt, values).query<Row>(stmt.text),
      {
        ...this.options,
        onRetry: () => {
          counter.retries++;
        },
      },
    );
    return result.recordset ?? [];
  }

  /** Runs a statement inside an open transaction: no retry here (the caller retries it all). */
  async rowsIn(transaction: Transaction, stmt: TsqlStatement, values: SqlValues): Promise<Row[]> {
    const result = await bind(transaction.request(), stmt, values).query<Row>(stmt.text);
    return result.recordset ?? [];
  }

  /** A DDL batch, sent as it is (CREATE FUNCTION must start its batch: no sp_executesql). */
  async ddl(batch: DdlBatch): Promise<void> {
    await this.pool.request().batch(batch.text);
  }

  /** Retries `work` (a whole transaction) per the policy. */
  retried<T>(work: () => Promise<T>, counter: RetryCounter): Promise<T> {
    return withRetry(work, {
      ...this.options,
      onRetry: () => {
        counter.retries++;
      },
    });
  }
}
