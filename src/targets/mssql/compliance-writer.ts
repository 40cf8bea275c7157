/**
 * Writes a batch of compliance events to the compliance store on SQL Server, in one transaction
 * (retried as a whole if it loses a deadlock): chat and backchat events as multi-row inserts into
 * tblComplianceData; joins and parts against tblComplianceParticipant in the order they happened
 * (a part must close the participation its earlier join opened, not a later one).
 */
import sql from 'mssql';
import { complianceWrite } from '../compliance-rows.js';
import type { ComplianceEvent, TargetContext } from '../types.js';
import {
  DATA_COLUMNS,
  PARTICIPANT_COLUMNS,
  PART_ALL_ROOMS,
  PART_ROOM,
  chunkSizes,
  insertComplianceData,
  insertParticipants,
} from './compliance-statements.js';
import type { MssqlSession, RetryCounter } from './session.js';
import type { SqlValue, SqlValues, TsqlStatement } from './tsql.js';

type Naming = Pick<TargetContext, 'naming' | 'layout'>;

/** One statement and its values: the plan of a compliance write, computed before any I/O. */
export interface PlannedStatement {
  statement: TsqlStatement;
  values: SqlValues;
}

function rowValues(
  columns: readonly { name: string }[],
  rows: readonly SqlValue[][],
): Record<string, SqlValue> {
  const values: Record<string, SqlValue> = {};
  rows.forEach((row, r) => {
    columns.forEach((column, c) => {
      values[`${column.name}${r}`] = row[c] as SqlValue;
    });
  });
  return values;
}

function chunked(
  rows: SqlValue[][],
  columns: readonly { name: string }[],
  statementFor: (size: number) => TsqlStatement,
  shared: Record<string, SqlValue> = {},
): PlannedStatement[] {
  const planned: PlannedStatement[] = [];
  let at = 0;
  for (const size of chunkSizes(rows.length)) {
    planned.push({
      statement: statementFor(size),
      values: { ...rowValues(columns, rows.slice(at, at + size)), ...shared },
    });
    at += size;
  }
  return planned;
}

/**
 * The statements that write `events`, in the order they must run. `sessionId` marks the
 * participant rows of this chat-service session (tblComplianceParticipant.sessionId).
 */
export function planComplianceWrite(
  events: readonly ComplianceEvent[],
  names: Naming,
  sessionId: bigint,
): PlannedStatement[] {
  const data: SqlValue[][] = [];
  const planned: PlannedStatement[] = [];
  let joins: SqlValue[][] = [];
  const joinKeys = new Set<string>();
  const flushJoins = (): void => {
    planned.push(
      ...chunked(joins, PARTICIPANT_COLUMNS, insertParticipants, { session: sessionId }),
    );
    joins = [];
    joinKeys.clear();
  };
  for (const event of events) {
    const write = complianceWrite(event, names);
    if (write.kind === 'data') {
      data.push(write.values);
    } else if (write.kind === 'join') {
      const [channel, userId, joinedAt] = write.values;
      const key = `${channel}|${userId}|${joinedAt}`;
      if (joinKeys.has(key)) continue;
      joinKeys.add(key);
      joins.push(write.values);
    } else {
      flushJoins();
      const { partedAt: time, channelUri: channel, userId: user } = write;
      planned.push(
        channel === null
          ? { statement: PART_ALL_ROOMS, values: { time, user } }
          : { statement: PART_ROOM, values: { time, channel, user } },
      );
    }
  }
  flushJoins();
  return [...chunked(data, DATA_COLUMNS, insertComplianceData), ...planned];
}

export async function writeComplianceEvents(
  session: MssqlSession,
  events: readonly ComplianceEvent[],
  names: Naming,
  sessionId: bigint,
  counter: RetryCounter,
): Promise<void> {
  const plan = planComplianceWrite(events, names, sessionId);
  if (plan.length === 0) return;
  await session.retried(async () => {
    const transaction = new sql.Transaction(session.pool);
    await transaction.begin();
    try {
      for (const { statement, values } of plan) {
        await session.rowsIn(transaction, statement, values);
      }
      await transaction.commit();
    } catch (error) {
      // A deadlock victim's transaction is already rolled back by the server; the rollback
      // then fails too, and the original error is the one worth reporting.
      await transaction.rollback().catch(() => undefined);
      throw error;
    }
  }, counter);
}
