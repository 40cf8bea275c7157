/**
 * Parameters of every T-SQL statement: each variable the text uses is declared with a type (and
 * every declared one is used), the types match the columns the values are compared with or
 * written to, ticks and chatIds are bigint and never bound from a JS number; and the compliance
 * writes are planned into the right statements in the right order.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sql from 'mssql';
import { ChatloadError } from '../../src/core/errors.js';
import { ALL_ROOMS } from '../../src/targets/command-semantics.js';
import { evidenceStatements } from '../../src/evidence/mssql/queries.js';
import { allStatements } from '../../src/targets/mssql/all-statements.js';
import { bulkTableFor } from '../../src/targets/mssql/bulk.js';
import {
  MAX_ROWS_PER_INSERT,
  PART_ALL_ROOMS,
  PART_ROOM,
  chunkSizes,
} from '../../src/targets/mssql/compliance-statements.js';
import { planComplianceWrite } from '../../src/targets/mssql/compliance-writer.js';
import { ROOM_SLOTS, STATEMENTS } from '../../src/targets/mssql/statements.js';
import {
  bind,
  mssqlType,
  toBigInt,
  toSafeNumber,
  type TsqlStatement,
} from '../../src/targets/mssql/tsql.js';
import { tsqlType } from '../../src/targets/schema/render-tsql.js';
import { META_TABLE, TABLES, tableDef } from '../../src/targets/schema/tables.js';
import { ComplianceEventType, type ComplianceEvent } from '../../src/targets/types.js';
import { smallWorld } from './fixtures.js';

function stripLiteralsAndComments(text: string): string {
  return text
    .replace(/N?'(?:[^']|'')*'/g, "''")
    .replace(/\[(?:[^\]]|\]\])*\]/g, '[]')
    .replace(/--[^\n]*/g, '');
}

/** Variables a statement reads that it does not DECLARE (nor take as function parameters). */
function freeVariables(stmt: TsqlStatement): Set<string> {
  const text = stripLiteralsAndComments(stmt.text);
  const used = new Set([...text.matchAll(/(?<!@)@(\w+)/g)].map((m) => m[1] as string));
  for (const m of text.matchAll(/DECLARE\s+@(\w+)/gi)) used.delete(m[1] as string);
  for (const m of text.matchAll(/CREATE FUNCTION[^(]*\(\s*@(\w+)/gi)) used.delete(m[1] as string);
  return used;
}

/** The type of each column name across the schema (all uses of a name share one type). */
function columnTypes(): Map<string, string> {
  const types = new Map<string, string>();
  for (const table of [...TABLES, META_TABLE]) {
    for (const column of table.columns) {
      const type = tsqlType(column.type);
      const known = types.get(column.name);
      if (known !== undefined && known !== type) types.set(column.name, 'ambiguous');
      else types.set(column.name, type);
    }
  }
  return types;
}

/** [column, parameter] pairs: `col = @p`, `col > @p`, `SET col = @p`, `col IN (@a, @b)`, INSERT lists. */
function columnParameterPairs(stmt: TsqlStatement): [string, string][] {
  const text = stripLiteralsAndComments(stmt.text);
  const pairs: [string, string][] = [];
  for (const m of text.matchAll(/(?:\w+\.)?(\w+)\s*(?:=|<|>|<=|>=|<>)\s*@(\w+)/g)) {
    pairs.push([m[1] as string, m[2] as string]);
  }
  for (const m of text.matchAll(/(?:\w+\.)?(\w+)\s+IN\s*\(([^)]*)\)/gi)) {
    for (const v of (m[2] as string).matchAll(/@(\w+)/g))
      pairs.push([m[1] as string, v[1] as string]);
  }
  const insert = /INSERT INTO \S+\s*\(([^)]*)\)\s*VALUES\s*([\s\S]*?);/i.exec(text);
  if (insert !== null) {
    const columns = (insert[1] as string).split(',').map((c) => c.trim());
    for (const row of (insert[2] as string).matchAll(/\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g)) {
      (row[1] as string).split(',').forEach((value, i) => {
        const v = /^\s*@(\w+)\s*$/.exec(value);
        if (v !== null && columns[i] !== undefined)
          pairs.push([columns[i] as string, v[1] as string]);
      });
    }
  }
  return pairs;
}

describe('statement parameters', () => {
  // The evidence sampler's queries are T-SQL chatload sends too (to the same servers).
  const statements = [...allStatements(), ...evidenceStatements()];

  it('declares exactly the variables each statement uses', () => {
    for (const stmt of statements) {
      const declared = stmt.params.map((p) => p.name);
      assert.equal(new Set(declared).size, declared.length, `${stmt.name}: a parameter repeats`);
      assert.deepEqual([...freeVariables(stmt)].sort(), [...declared].sort(), stmt.name);
    }
  });

  it('gives each parameter the type of the column it is compared with or written to', (t) => {
    const types = columnTypes();
    let checked = 0;
    for (const stmt of statements) {
      const paramTypes = new Map(stmt.params.map((p) => [p.name, p.type as string]));
      const locals = new Set([...stmt.text.matchAll(/DECLARE\s+@(\w+)/gi)].map((m) => m[1]));
      for (const [column, param] of columnParameterPairs(stmt)) {
        if (locals.has(param)) continue;
        const columnType = types.get(column);
        if (columnType === undefined || columnType === 'ambiguous') continue;
        assert.equal(paramTypes.get(param), columnType, `${stmt.name}: @${param} vs ${column}`);
        checked++;
      }
    }
    t.diagnostic(`${checked} column/parameter pairs checked`);
    assert.ok(checked > 100, `only ${checked} column/parameter pairs found: the matcher broke`);
  });

  it('binds ticks and chatIds as bigint, GUIDs as uniqueidentifier, message text as nvarchar(max)', () => {
    const typeOf = (stmt: TsqlStatement, name: string): string | undefined =>
      stmt.params.find((p) => p.name === name)?.type;
    assert.equal(typeOf(STATEMENTS.post, 'ticks'), 'bigint');
    assert.equal(typeOf(STATEMENTS.post, 'content'), 'nvarchar(max)');
    assert.equal(typeOf(STATEMENTS.resolveUser, 'uri'), 'nvarchar(256)');
    for (let i = 0; i < ROOM_SLOTS; i++) {
      assert.equal(typeOf(STATEMENTS.resolveRooms, `g${i}`), 'uniqueidentifier');
      assert.equal(typeOf(STATEMENTS.permissionWalk, `r${i}`), 'int');
    }
    assert.equal(typeOf(PART_ROOM, 'time'), 'bigint');
    assert.equal(typeOf(PART_ALL_ROOMS, 'time'), 'bigint');
    for (const stmt of statements.filter((s) => s.name.startsWith('compliance: insert'))) {
      for (const p of stmt.params.filter((p) => /^(time|chat)\d+$/.test(p.name))) {
        assert.equal(p.type, 'bigint', `${stmt.name} @${p.name}`);
      }
    }
  });

  it('stays under SQL Server limits: 2,100 parameters and 1,000 VALUES rows per request', () => {
    for (const stmt of statements) {
      assert.ok(stmt.params.length <= 2100, `${stmt.name}: ${stmt.params.length} parameters`);
    }
    assert.ok(MAX_ROWS_PER_INSERT <= 1000);
  });
});

describe('bind', () => {
  it('adds every parameter with its declared driver type', () => {
    const request = bind(new sql.Request(), STATEMENTS.post, {
      nodeId: 7,
      ticks: 638_461_674_000_000_001n,
      userId: 42,
      content: 'hello',
    });
    const params = request.parameters;
    assert.equal(params.nodeId?.type, sql.Int);
    assert.equal(params.ticks?.type, sql.BigInt);
    assert.equal(params.ticks?.value, 638_461_674_000_000_001n);
    assert.equal(params.content?.type, sql.NVarChar);
    assert.equal(params.content?.length, sql.MAX);
  });

  it('declares sized parameters and bulk columns with the length of their SQL type', () => {
    const param = mssqlType('nvarchar(255)') as sql.ISqlTypeWithLength;
    assert.equal(param.type, sql.NVarChar);
    assert.equal(param.length, 255);
    const columns = bulkTableFor(tableDef('tblChat')).columns as (sql.IColumn & {
      length?: number;
    })[];
    const column = (name: string) => columns.find((c) => c.name === name);
    assert.equal(column('chatDate')?.type, sql.BigInt);
    assert.equal(column('content')?.type, sql.NVarChar);
    assert.equal(column('content')?.length, sql.MAX);
    assert.equal(column('rtf')?.type, sql.VarChar);
  });

  it('refuses a bigint parameter given as a JS number, and a missing value', () => {
    assert.throws(
      () =>
        bind(new sql.Request(), STATEMENTS.post, {
          nodeId: 7,
          ticks: 6.384e17,
          userId: 1,
          content: '',
        }),
      (e: unknown) => e instanceof ChatloadError && /@ticks is bigint/.test(e.message),
    );
    assert.throws(
      () => bind(new sql.Request(), STATEMENTS.post, { nodeId: 7, userId: 1, content: '' }),
      /no value for @ticks/,
    );
    assert.doesNotThrow(() =>
      bind(new sql.Request(), STATEMENTS.post, {
        nodeId: 7,
        ticks: '638461674000000001',
        userId: 1,
        content: '',
      }),
    );
  });

  it('converts the driver’s bigint strings exactly', () => {
    assert.equal(toBigInt('638461674000000001'), 638_461_674_000_000_001n);
    assert.equal(toBigInt('-5'), -5n);
    assert.throws(() => toBigInt(6.384e17));
    assert.throws(() => toBigInt('12abc'));
    assert.equal(toSafeNumber('16384'), 16384);
    assert.throws(() => toSafeNumber('638461674000000001'));
  });
});

describe('compliance writes', () => {
  it('splits n events into power-of-two chunks that add up to n', () => {
    for (let n = 0; n <= 1000; n++) {
      const sizes = chunkSizes(n);
      assert.equal(
        sizes.reduce((a, b) => a + b, 0),
        n,
      );
      for (const size of sizes)
        assert.ok(size >= 1 && size <= MAX_ROWS_PER_INSERT && (size & (size - 1)) === 0);
      assert.ok(sizes.length <= Math.floor(n / MAX_ROWS_PER_INSERT) + 7, `${n}: ${sizes}`);
    }
    assert.deepEqual(chunkSizes(37), [32, 4, 1]);
    assert.deepEqual(chunkSizes(300), [128, 128, 32, 8, 4]);
  });

  const world = smallWorld();
  const SESSION = 4_242_001n;
  const names = { naming: world.naming, layout: world.layout };
  const event = (
    type: ComplianceEvent['type'],
    room: number,
    user: number,
    ticks: bigint,
    chatId: bigint | null = null,
    message: string | null = null,
  ): ComplianceEvent => ({ type, room, user, ticks, chatId, message });

  it('writes chat and backchat rows with their codes, URIs and exact bigint values', () => {
    const chatId = 9_007_199_254_740_993n;
    const plan = planComplianceWrite(
      [
        event(ComplianceEventType.chat, 3, 5, 638_461_674_000_000_001n, chatId, 'hi'),
        event(ComplianceEventType.backchat, 4, 6, 638_461_674_000_000_002n),
      ],
      names,
      SESSION,
    );
    assert.equal(plan.length, 1);
    const [insert] = plan;
    assert.equal(insert?.statement.name, 'compliance: insert 2 tblComplianceData');
    assert.deepEqual(insert?.values, {
      type0: 1,
      time0: 638_461_674_000_000_001n,
      channel0: world.naming.roomUri(3),
      chat0: chatId,
      user0: world.layout.userPrinBase + 5,
      userUri0: world.naming.userUri(5),
      message0: 'hi',
      type1: 2,
      time1: 638_461_674_000_000_002n,
      channel1: world.naming.roomUri(4),
      chat1: null,
      user1: world.layout.userPrinBase + 6,
      userUri1: world.naming.userUri(6),
      message1: null,
    });
  });

  it('keeps joins and parts in order, batches consecutive joins and drops repeated ones', () => {
    const plan = planComplianceWrite(
      [
        event(ComplianceEventType.join, 1, 2, 10n),
        event(ComplianceEventType.join, 1, 2, 10n),
        event(ComplianceEventType.join, 2, 2, 10n),
        event(ComplianceEventType.part, 1, 2, 11n),
        event(ComplianceEventType.join, 1, 2, 12n),
        event(ComplianceEventType.part, ALL_ROOMS, 2, 13n),
      ],
      names,
      SESSION,
    );
    assert.deepEqual(
      plan.map((p) => p.statement.name),
      [
        'compliance: insert 2 tblComplianceParticipant',
        'compliance: part room',
        'compliance: insert 1 tblComplianceParticipant',
        'compliance: part all rooms',
      ],
    );
    assert.deepEqual(plan[1]?.values, {
      time: 11n,
      channel: world.naming.roomUri(1),
      user: world.layout.userPrinBase + 2,
    });
    assert.deepEqual(plan[3]?.values, { time: 13n, user: world.layout.userPrinBase + 2 });
    assert.equal(plan[2]?.values.time0, 12n);
    assert.equal(plan[0]?.values.session, SESSION);
    assert.equal(plan[0]?.values.server1, 1 + (2 % 4), 'the user’s chat server, 1-based');
  });

  it('sends 300 events as 128 + 128 + 32 + 8 + 4 rows', () => {
    const events = Array.from({ length: 300 }, (_, i) =>
      event(ComplianceEventType.backchat, i % 7, i % 11, BigInt(i)),
    );
    const plan = planComplianceWrite(events, names, SESSION);
    assert.deepEqual(
      plan.map((p) => Number(/insert (\d+)/.exec(p.statement.name)?.[1])),
      [128, 128, 32, 8, 4],
    );
    assert.equal(plan[4]?.values.time3, 299n);
  });
});
