/**
 * The SQL Server evidence of one window: the differences between the snapshots taken at its
 * start and end, each read as sqlserver-evidence.md says. Every part is a fact on its own: a
 * view the login could not read leaves the others intact.
 */
import { isKnown, known, unknown, type Fact } from '../fact.js';
import { readCounters, type CounterReading } from './counters.js';
import { fileDeltas, type DatabaseFileDeltas } from './files.js';
import { evidenceStatements } from './queries.js';
import { statementDeltas, type StatementDeltas } from './query-stats.js';
import type { MssqlSnapshot } from './sampler.js';
import { StatementCatalog } from './statement-ops.js';
import { waitDeltas, type WaitDeltas } from './waits.js';

export interface MssqlDeltas {
  kind: 'mssql';
  windowS: number;
  waits: Fact<WaitDeltas>;
  files: { database: string; deltas: Fact<DatabaseFileDeltas> }[];
  counters: Fact<CounterReading[]>;
  statements: Fact<StatementDeltas>;
  /** What a reader must keep in mind (the views are instance-wide). */
  notes: string[];
}

export const INSTANCE_WIDE =
  'wait statistics, counters and statement statistics are instance-wide: other databases on this server show in them too';

let defaultCatalog: StatementCatalog | null = null;

function pair<T, R>(a: Fact<T>, b: Fact<T>, f: (a: T, b: T) => Fact<R>): Fact<R> {
  if (!isKnown(a)) return unknown(`at the start of the window: ${a.unknown}`);
  if (!isKnown(b)) return unknown(`at the end of the window: ${b.unknown}`);
  return f(a.value, b.value);
}

export function mssqlDeltas(
  start: MssqlSnapshot,
  end: MssqlSnapshot,
  databases: readonly string[],
  catalog: StatementCatalog = (defaultCatalog ??= new StatementCatalog(evidenceStatements())),
): MssqlDeltas {
  const windowS = (end.atMs - start.atMs) / 1000;
  const files = end.files.map(({ database, rows }) => {
    const before =
      start.files.find((f) => f.database === database)?.rows ?? unknown('not sampled at the start');
    return { database, deltas: pair(before, rows, (a, b) => fileDeltas(database, a, b, windowS)) };
  });
  const statements = pair(start.statements, end.statements, (a, b) =>
    statementDeltas(a, b, catalog),
  );
  const notes = [INSTANCE_WIDE];
  if (isKnown(statements) && statements.value.evicted + statements.value.noBaseline > 0) {
    notes.push(
      `${statements.value.evicted} statement plan(s) were evicted or recompiled and ${statements.value.noBaseline} had no baseline in the window: their figures are left out`,
    );
  }
  return {
    kind: 'mssql',
    windowS,
    waits: pair(start.waits, end.waits, (a, b) => waitDeltas(a, b, windowS)),
    files,
    counters: pair(start.counters, end.counters, (a, b) =>
      known(readCounters(a, b, windowS, databases)),
    ),
    statements,
    notes,
  };
}
