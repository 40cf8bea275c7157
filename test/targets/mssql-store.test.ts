/**
 * The production-store guard of the SQL Server target, from what the inspection queries return
 * (the decision itself is shared: store-meta.test.ts); and the permission walk's per-room OR of
 * role bit sets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JOIN_PERMISSION } from '../../src/targets/command-semantics.js';
import { permissionsByRoom, slotValues } from '../../src/targets/mssql/commands.js';
import { inspectMssqlStore } from '../../src/targets/mssql/provision.js';
import type { MssqlSession, Row } from '../../src/targets/mssql/session.js';
import { ROOM_SLOTS } from '../../src/targets/mssql/statements.js';
import { FIND_TABLES, READ_META } from '../../src/targets/mssql/store-statements.js';
import type { TsqlStatement } from '../../src/targets/mssql/tsql.js';
import { ROLE_PERMISSIONS } from '../../src/targets/schema/fixed-rows.js';
import { META_TABLE, SCHEMA_VERSION, TABLES } from '../../src/targets/schema/tables.js';
import { metaEntries, type StoreMeta } from '../../src/targets/store-meta.js';
import { META } from './fixtures.js';

/** A session answering the inspection queries from the given tables and meta rows. */
function fakeSession(tables: string[], meta: StoreMeta | null): MssqlSession {
  const answers = new Map<TsqlStatement, Row[]>([
    [FIND_TABLES, tables.map((name) => ({ name }))],
    [
      READ_META,
      meta === null
        ? []
        : metaEntries(meta).map(([metaKey, metaValue]) => ({ metaKey, metaValue })),
    ],
  ]);
  return {
    rows: async (stmt: TsqlStatement): Promise<Row[]> => {
      const rows = answers.get(stmt);
      if (rows === undefined) throw new Error(`unexpected statement ${stmt.text}`);
      return rows;
    },
  } as unknown as MssqlSession;
}

describe('what a database holds', () => {
  it('looks for every published table and chatload_meta', () => {
    for (const name of [META_TABLE.name, ...TABLES.map((t) => t.name)]) {
      assert.ok(FIND_TABLES.text.includes(`N'${name}'`), name);
    }
  });

  it('is empty without Persistent Chat tables, foreign with them and no chatload_meta', async () => {
    assert.deepEqual(await inspectMssqlStore(fakeSession([], null)), {
      status: { state: 'empty' },
      meta: null,
    });
    const foreign = await inspectMssqlStore(
      fakeSession(['tblChat', 'tblNode', 'tblPrincipal', 'tblConfig'], null),
    );
    assert.equal(foreign.meta, null);
    assert.equal(
      foreign.status.state === 'foreign' && foreign.status.evidence,
      'Persistent Chat tables dbo.tblChat, dbo.tblNode, dbo.tblPrincipal and 1 more without chatload_meta',
    );
  });

  it('is chatload’s with chatload_meta, whose rows it reads', async () => {
    assert.deepEqual(await inspectMssqlStore(fakeSession(['chatload_meta', 'tblChat'], META)), {
      status: { state: 'chatload', schemaVersion: SCHEMA_VERSION, fingerprint: 'fp-11' },
      meta: META,
    });
  });
});

describe('the permission walk in the client', () => {
  it('ORs the role bit sets per room (bigint strings from the driver)', () => {
    const member = ROLE_PERMISSIONS.member.toString();
    const creator = ROLE_PERMISSIONS.creator.toString();
    const byRoom = permissionsByRoom([
      { roomID: 40, rtypeAllowedPermSet: creator },
      { roomID: 40, rtypeAllowedPermSet: member },
      { roomID: 41, rtypeAllowedPermSet: creator },
    ]);
    assert.equal(byRoom.get(40), ROLE_PERMISSIONS.creator | ROLE_PERMISSIONS.member);
    assert.notEqual((byRoom.get(40) as bigint) & JOIN_PERMISSION, 0n);
    assert.equal((byRoom.get(41) as bigint) & JOIN_PERMISSION, 0n, 'Creator alone may not join');
    assert.equal(byRoom.get(42), undefined);
  });

  it('fills every room slot, NULL past the rooms given', () => {
    const values = slotValues('g', ['a', 'b']);
    assert.equal(Object.keys(values).length, ROOM_SLOTS);
    assert.equal(values['g0'], 'a');
    assert.equal(values['g1'], 'b');
    assert.equal(values[`g${ROOM_SLOTS - 1}`], null);
  });
});
