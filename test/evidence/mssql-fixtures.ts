/**
 * Loads the SQL Server evidence fixtures (fixtures/evidence/*.json): two samples' rows as the
 * driver returns them, turned into snapshots by the sampler's own row readers. JSON cannot hold
 * the driver's Buffers and Dates, so handles are hex and times ISO strings here; statement rows
 * name a chatload statement and the loader writes its sp_executesql text.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { known, type Fact } from '../../src/evidence/fact.js';
import type { MssqlSnapshot } from '../../src/evidence/mssql/sampler.js';
import {
  counterRow,
  fileRow,
  queryStatsRow,
  waitRow,
  type Row,
} from '../../src/evidence/mssql/rows.js';
import { allStatements } from '../../src/targets/mssql/all-statements.js';

export const EVIDENCE_FIXTURES = fileURLToPath(
  new URL('../../../fixtures/evidence/', import.meta.url),
);

type Rows = Row[] | { unknown: string };

interface SampleFixture {
  atMs: number;
  waits: Rows;
  counters: Rows;
  files: Record<string, Rows>;
  statements: Rows;
}

export interface EvidenceFixture {
  name: string;
  description: string;
  databases: string[];
  start: MssqlSnapshot;
  end: MssqlSnapshot;
  expect: {
    kind: string;
    verdict: string;
    evidence: string[];
    also?: string[];
    waits?: { totalMs: number; signalMs: number; benignMs: number };
  };
}

function facts<T>(rows: Rows, parse: (row: Row) => T): Fact<T[]> {
  return Array.isArray(rows) ? known(rows.map(parse)) : rows;
}

/** sp_executesql's batch text for a named chatload statement: `(@a int,...)` + its text. */
export function executesqlText(statement: string, params: string): string {
  const stmt = allStatements().find((s) => s.name === statement);
  if (stmt === undefined) throw new Error(`fixture names an unknown statement "${statement}"`);
  return `${params}${stmt.text}`;
}

function driverShape(row: Row): Row {
  const text = row['batch_text'] as { statement: string; params: string } | string | null;
  return {
    ...row,
    sql_handle: Buffer.from(row['sql_handle'] as string, 'hex'),
    plan_handle: Buffer.from(row['plan_handle'] as string, 'hex'),
    creation_time: new Date(row['creation_time'] as string),
    sampled_at: new Date(row['sampled_at'] as string),
    batch_text:
      text !== null && typeof text === 'object'
        ? executesqlText(text.statement, text.params)
        : text,
  };
}

function snapshot(sample: SampleFixture): MssqlSnapshot {
  return {
    atMs: sample.atMs,
    waits: facts(sample.waits, waitRow),
    counters: facts(sample.counters, counterRow),
    files: Object.entries(sample.files).map(([database, rows]) => ({
      database,
      rows: facts(rows, (row) => fileRow(database, row)),
    })),
    statements: facts(sample.statements, (row) => queryStatsRow(driverShape(row))),
  };
}

export function loadEvidenceFixture(name: string): EvidenceFixture {
  const raw = JSON.parse(readFileSync(`${EVIDENCE_FIXTURES}${name}.json`, 'utf8')) as {
    description: string;
    databases: string[];
    start: SampleFixture;
    end: SampleFixture;
    expect: EvidenceFixture['expect'];
  };
  return { name, ...raw, start: snapshot(raw.start), end: snapshot(raw.end) };
}

/** The SQL Server fixtures (every JSON file but the SQLite ones). */
export function mssqlFixtureNames(): string[] {
  return readdirSync(EVIDENCE_FIXTURES)
    .filter((f) => f.endsWith('.json') && !f.startsWith('sqlite-'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}
