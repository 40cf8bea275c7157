/**
 * sys.dm_exec_query_stats + sys.dm_exec_sql_text between two samples: the statements that took
 * the most elapsed time in the window, named as chatload's statements and operations.
 *
 * Rows exist only while a plan is cached. A plan evicted or recompiled in the window resets its
 * counters (execution_count drops, creation_time changes): that row's delta is discarded and
 * counted. A plan created during the window counts whole; a row missing from the first sample's
 * list for any other reason has no baseline and is discarded too.
 */
import type { OpName } from '../../core/vocabulary.js';
import { known, type Fact } from '../fact.js';
import type { StatementCatalog } from './statement-ops.js';

export interface QueryStatsRow {
  /** sql_handle, offsets and plan_handle: one cached statement plan. */
  key: string;
  /** sql_handle alone: the rows of one batch share it. */
  batch: string;
  createdMs: number;
  /** The server's clock when the sample was taken (same clock as createdMs). */
  sampledAtMs: number;
  executions: number;
  workerUs: number;
  elapsedUs: number;
  logicalReads: number;
  logicalWrites: number;
  batchText: string | null;
}

export interface StatementDelta {
  /** chatload's statement name; null for the statements of other applications, summed. */
  statement: string | null;
  ops: readonly OpName[];
  executions: number;
  elapsedMs: number;
  workerMs: number;
  avgElapsedMs: number | null;
  logicalReads: number;
  logicalWrites: number;
  /** Share of the elapsed time of all statements counted in the window. */
  share: number;
}

export interface StatementDeltas {
  top: StatementDelta[];
  elapsedMs: number;
  evicted: number;
  noBaseline: number;
}

interface Counted {
  statement: string | null;
  ops: readonly OpName[];
  /** Executions per batch: a batch's statements each count its executions once. */
  executionsByBatch: Map<string, number>;
  elapsedUs: number;
  workerUs: number;
  logicalReads: number;
  logicalWrites: number;
}

const TOP = 10;

export function statementDeltas(
  start: readonly QueryStatsRow[],
  end: readonly QueryStatsRow[],
  catalog: StatementCatalog,
): Fact<StatementDeltas> {
  const before = new Map(start.map((row) => [row.key, row]));
  const startedAtMs = start[0]?.sampledAtMs ?? Number.NEGATIVE_INFINITY;
  const groups = new Map<string, Counted>();
  let evicted = 0;
  let noBaseline = 0;
  for (const row of end) {
    const identity = row.batchText === null ? null : catalog.identify(row.batchText);
    if (identity?.sampler === true) continue;
    const prior = before.get(row.key);
    let base: Pick<
      QueryStatsRow,
      'executions' | 'elapsedUs' | 'workerUs' | 'logicalReads' | 'logicalWrites'
    >;
    if (prior === undefined) {
      if (row.createdMs < startedAtMs) {
        noBaseline++;
        continue;
      }
      base = { executions: 0, elapsedUs: 0, workerUs: 0, logicalReads: 0, logicalWrites: 0 };
    } else if (prior.createdMs !== row.createdMs || row.executions < prior.executions) {
      evicted++;
      continue;
    } else {
      base = prior;
    }
    const executions = row.executions - base.executions;
    if (executions === 0) continue;
    const name = identity?.name ?? null;
    const groupKey = name ?? '';
    const counted = groups.get(groupKey) ?? {
      statement: name,
      ops: identity?.ops ?? [],
      executionsByBatch: new Map<string, number>(),
      elapsedUs: 0,
      workerUs: 0,
      logicalReads: 0,
      logicalWrites: 0,
    };
    counted.executionsByBatch.set(
      row.batch,
      Math.max(executions, counted.executionsByBatch.get(row.batch) ?? 0),
    );
    counted.elapsedUs += row.elapsedUs - base.elapsedUs;
    counted.workerUs += row.workerUs - base.workerUs;
    counted.logicalReads += row.logicalReads - base.logicalReads;
    counted.logicalWrites += row.logicalWrites - base.logicalWrites;
    groups.set(groupKey, counted);
  }
  const totalUs = [...groups.values()].reduce((sum, g) => sum + g.elapsedUs, 0);
  const top = [...groups.values()]
    .map((g): StatementDelta => {
      const executions = [...g.executionsByBatch.values()].reduce((a, b) => a + b, 0);
      return {
        statement: g.statement,
        ops: g.ops,
        executions,
        elapsedMs: g.elapsedUs / 1000,
        workerMs: g.workerUs / 1000,
        avgElapsedMs: executions > 0 ? g.elapsedUs / 1000 / executions : null,
        logicalReads: g.logicalReads,
        logicalWrites: g.logicalWrites,
        share: totalUs > 0 ? g.elapsedUs / totalUs : 0,
      };
    })
    .sort(
      (a, b) =>
        b.elapsedMs - a.elapsedMs ||
        (a.statement ?? '\uffff').localeCompare(b.statement ?? '\uffff'),
    )
    .slice(0, TOP);
  return known({ top, elapsedMs: totalUs / 1000, evicted, noBaseline });
}
