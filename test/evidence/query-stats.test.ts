import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKnown } from '../../src/evidence/fact.js';
import { evidenceStatements } from '../../src/evidence/mssql/queries.js';
import { statementDeltas, type QueryStatsRow } from '../../src/evidence/mssql/query-stats.js';
import {
  OPS_BY_STATEMENT,
  opsOfStatement,
  statementPart,
  StatementCatalog,
} from '../../src/evidence/mssql/statement-ops.js';
import { complianceStatements } from '../../src/targets/mssql/compliance-statements.js';
import { commandStatements, STATEMENTS } from '../../src/targets/mssql/statements.js';
import { executesqlText } from './mssql-fixtures.js';

const catalog = new StatementCatalog(evidenceStatements());
const T0 = Date.parse('2024-03-05T10:00:00Z');
const T1 = T0 + 60_000;

function row(
  key: string,
  batchText: string | null,
  at: number,
  executions: number,
  elapsedUs: number,
  createdMs = T0 - 600_000,
): QueryStatsRow {
  return {
    key,
    batch: key.split(':')[0] as string,
    createdMs,
    sampledAtMs: at,
    executions,
    workerUs: elapsedUs / 2,
    elapsedUs,
    logicalReads: executions * 3,
    logicalWrites: executions,
    batchText,
  };
}

const post = executesqlText(
  'grpchat',
  '(@nodeId int,@ticks bigint,@userId int,@content nvarchar(max))',
);
const history = executesqlText('bccontext', '(@count int,@nodeId int,@skip int)');

describe('chatload statements in the statement statistics', () => {
  it('maps every command statement to the operations that send it', () => {
    for (const stmt of commandStatements()) {
      assert.ok(
        stmt.name in OPS_BY_STATEMENT,
        `${stmt.name} has no operations: add it to OPS_BY_STATEMENT`,
      );
    }
    for (const stmt of complianceStatements())
      assert.deepEqual(opsOfStatement(stmt.name), ['compliance']);
    assert.deepEqual(opsOfStatement(STATEMENTS.historyPage.name), ['join', 'history']);
  });

  it('recognises a parameterized batch by the text after its declaration (nested parentheses)', () => {
    assert.equal(statementPart('(@a int,@b nvarchar(256))SELECT 1'), 'SELECT 1');
    assert.equal(statementPart('SELECT 1'), 'SELECT 1');
    assert.equal(catalog.identify(post)?.name, 'grpchat');
    assert.equal(
      catalog.identify(`  ${STATEMENTS.serverInfo.text.replace(/\n/g, '\r\n')}`)?.name,
      'getserverinfo',
    );
    assert.equal(catalog.identify('SELECT * FROM dbo.Orders'), null);
    assert.equal(catalog.identify(evidenceStatements()[0]?.text ?? '')?.sampler, true);
  });
});

describe('statement deltas', () => {
  it('ranks statements by elapsed time in the window and names their operations', () => {
    const start = [
      row('a:0:100:p', post, T0, 100, 1_000_000),
      row('a:102:-1:p', post, T0, 100, 3_000_000),
      row('b:0:-1:p', history, T0, 50, 500_000),
      row('c:0:-1:p', 'SELECT * FROM dbo.Orders WHERE id = 1', T0, 5, 100),
    ];
    const end = [
      row('a:0:100:p', post, T1, 1100, 3_000_000),
      row('a:102:-1:p', post, T1, 1100, 9_000_000),
      row('b:0:-1:p', history, T1, 250, 2_500_000),
      row('c:0:-1:p', 'SELECT * FROM dbo.Orders WHERE id = 1', T1, 15, 2_500_100),
    ];
    const d = statementDeltas(start, end, catalog);
    assert.ok(isKnown(d));
    assert.deepEqual(
      d.value.top.map((s) => [s.statement, s.ops, s.executions, s.elapsedMs]),
      [
        ['grpchat', ['post'], 1000, 8000],
        [null, [], 10, 2500],
        ['bccontext', ['join', 'history'], 200, 2000],
      ],
    );
    assert.equal(d.value.top[0]?.avgElapsedMs, 8);
    assert.equal(d.value.top[0]?.share, 8000 / 12500);
  });

  it('discards a plan evicted or recompiled in the window, and counts it', () => {
    const start = [
      row('a:0:-1:p', post, T0, 1000, 9_000_000),
      row('b:0:-1:p', history, T0, 10, 100),
    ];
    const end = [
      row('a:0:-1:p', post, T1, 40, 400_000, T0 + 30_000),
      row('b:0:-1:p', history, T1, 5, 50),
    ];
    const d = statementDeltas(start, end, catalog);
    assert.ok(isKnown(d));
    assert.equal(d.value.evicted, 2);
    assert.deepEqual(d.value.top, []);
  });

  it('counts a plan created in the window whole; one older without a baseline not at all', () => {
    const start = [row('z:0:-1:p', 'SELECT 1', T0, 1, 1)];
    const end = [
      row('a:0:-1:p', post, T1, 40, 400_000, T0 + 5_000),
      row('b:0:-1:p', history, T1, 90, 900_000, T0 - 5_000),
    ];
    const d = statementDeltas(start, end, catalog);
    assert.ok(isKnown(d));
    assert.deepEqual(
      d.value.top.map((s) => [s.statement, s.executions]),
      [['grpchat', 40]],
    );
    assert.equal(d.value.noBaseline, 1);
  });

  it('leaves the sampler\u2019s own queries out', () => {
    const own = evidenceStatements()[3]?.text ?? '';
    const d = statementDeltas(
      [row('s:0:-1:p', `(@recentSeconds int)${own}`, T0, 1, 10)],
      [row('s:0:-1:p', `(@recentSeconds int)${own}`, T1, 9, 90_000)],
      catalog,
    );
    assert.ok(isKnown(d));
    assert.deepEqual(d.value.top, []);
  });
});
