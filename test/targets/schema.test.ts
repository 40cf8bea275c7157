import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import {
  RoleTypeId,
  ROLE_PERMISSIONS,
  permissionMask,
  PrincipalTypeId,
  roleTypeRows,
} from '../../src/targets/schema/fixed-rows.js';
import {
  createIndexSql,
  createTableSql,
  insertRowsSql,
  isWithoutRowid,
} from '../../src/targets/schema/render-sqlite.js';
import { META_TABLE, TABLES, tableDef, tablesOf } from '../../src/targets/schema/tables.js';

/** The published inventory (mgc-schema.md §0). */
const MGC = [
  'tblPrincipalType',
  'tblPrincipal',
  'tblPrincipalAffiliations',
  'tblNode',
  'tblRoleType',
  'tblScopePrincipal',
  'tblPrincipalRole',
  'tblSiopWhiteList',
  'tblEnumAttribute',
  'tblEnumValue',
  'tblPrincipalInvites',
  'tblChat',
  'tblLastInviteId',
  'tblLastChatId',
  'tblPreference',
  'tblFileToken',
  'tblADCookie',
  'tblPrincipalMemberDifference',
  'tblADUpdates',
  'tblPrincipalMembers',
  'tblPrincipalMeta',
  'tblSkippedAffiliations',
  'tblServerIdentity',
  'tblAdminLock',
  'tblSystemRevision',
  'tblActivePeers',
  'tblConfig',
];
const MGCCOMP = [
  'tblComplianceData',
  'tblComplianceFanout',
  'tblComplianceParticipant',
  'tblComplianceState',
];

const column = (table: string, name: string) => {
  const found = tableDef(table).columns.find((c) => c.name === name);
  assert.ok(found, `${table}.${name}`);
  return found;
};

describe('schema definition', () => {
  it('holds every published table, tagged with its store', () => {
    assert.deepEqual(
      tablesOf('mgc')
        .map((t) => t.name)
        .sort(),
      [...MGC].sort(),
    );
    assert.deepEqual(
      tablesOf('mgccomp')
        .map((t) => t.name)
        .sort(),
      [...MGCCOMP].sort(),
    );
    assert.equal(TABLES.length, 31);
  });

  it('keeps the documented keys and quirks', () => {
    assert.deepEqual(tableDef('tblLastChatId').primaryKey, ['nodeID', 'lastChatID']);
    assert.deepEqual(tableDef('tblChat').primaryKey, ['channelId', 'chatId']);
    assert.deepEqual(tableDef('tblPrincipalAffiliations').primaryKey, [
      'principalID',
      'index',
      'affiliationID',
    ]);
    assert.deepEqual(tableDef('tblPrincipalInvites').primaryKey, ['prinID', 'nodeID']);
    assert.equal(column('tblComplianceFanout', 'fanoutEventID').type.kind, 'int');
    assert.equal(column('tblComplianceData', 'cmplEventID').type.kind, 'bigint');
    assert.equal(column('tblPrincipalMemberDifference', 'memberADPath').nullable, false);
    assert.equal(column('tblADCookie', 'adcContent').type.kind, 'image');
    assert.equal(column('tblComplianceData', 'entryDate').type.kind, 'smalldatetime');
    assert.deepEqual(column('tblChat', 'content').type, { kind: 'nvarchar', length: 'max' });
    assert.deepEqual(column('tblChat', 'rtf').type, { kind: 'varchar', length: 'max' });
    assert.equal(column('tblNode', 'invite').nullable, true);
    assert.equal(tableDef('tblADUpdates').primaryKey, null);
  });

  it('labels every secondary index as chatload’s, with the three unique ones the brief names', () => {
    const indexes = [...TABLES, META_TABLE].flatMap((t) =>
      t.indexes.map((i) => ({ table: t.name, ...i })),
    );
    assert.ok(indexes.every((i) => i.addedBy === 'chatload' && i.reason.length > 10));
    const unique = indexes.filter((i) => i.unique).map((i) => `${i.table}.${i.columns.join('+')}`);
    assert.deepEqual(unique.sort(), [
      'tblNode.nodeGuid',
      'tblPrincipal.prinGuid',
      'tblPrincipal.prinUri',
    ]);
  });

  it('references only existing columns, and creates referenced tables first', () => {
    const seen = new Set<string>();
    for (const table of TABLES) {
      const names = new Set(table.columns.map((c) => c.name));
      for (const key of [
        table.primaryKey ?? [],
        ...table.indexes.map((i) => i.columns),
        ...table.foreignKeys.map((f) => f.columns),
      ]) {
        for (const name of key) assert.ok(names.has(name), `${table.name}.${name}`);
      }
      for (const fk of table.foreignKeys) {
        assert.ok(
          fk.table === table.name || seen.has(fk.table),
          `${fk.table} before ${table.name}`,
        );
        const parent = tableDef(fk.table);
        for (const name of fk.references)
          assert.ok(
            parent.columns.some((c) => c.name === name),
            `${fk.table}.${name}`,
          );
      }
      seen.add(table.name);
    }
  });

  it('keeps the role ids and permission sets in one place: join for Member, Manager and Voiced only', () => {
    const join = permissionMask('join');
    assert.equal(join, 128n);
    for (const [role, mask] of Object.entries(ROLE_PERMISSIONS)) {
      assert.equal((mask & join) !== 0n, role !== 'creator', role);
    }
    assert.equal(
      ROLE_PERMISSIONS.voiced & permissionMask('postInAuditorium'),
      permissionMask('postInAuditorium'),
    );
    assert.deepEqual(
      roleTypeRows().map((r) => r[0]),
      Object.values(RoleTypeId),
    );
    assert.equal(PrincipalTypeId.user, 5);
  });
});

describe('SQLite DDL', () => {
  it('creates every table and index, quoting reserved names', () => {
    const db = new Database(':memory:');
    for (const table of [META_TABLE, ...TABLES]) {
      db.exec(createTableSql(table));
      for (const sql of createIndexSql(table)) db.exec(sql);
    }
    const created = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name);
    assert.equal(created.length, 32);
    assert.match(createTableSql(tableDef('tblPrincipalAffiliations')), /"index" INTEGER NOT NULL/);
    assert.throws(
      () => db.prepare(insertRowsSql(tableDef('tblPrincipalAffiliations'), 1)).run([7, 7, -1, 1]),
      /FOREIGN KEY/,
      'foreign keys are declared and enforced',
    );
    db.pragma('foreign_keys = OFF');
    db.prepare(insertRowsSql(tableDef('tblPrincipalAffiliations'), 2)).run([
      7, 7, -1, 1, 7, 2, 1, 1,
    ]);
    assert.deepEqual(
      db.prepare('SELECT "index" FROM "tblPrincipalAffiliations" ORDER BY "index"').all(),
      [{ index: -1 }, { index: 1 }],
    );
    assert.throws(
      () => db.prepare(insertRowsSql(tableDef('tblPrincipalAffiliations'), 1)).run([7, 7, -1, 1]),
      /UNIQUE|PRIMARY/,
    );
    db.close();
  });

  it('stores composite-key tables without rowid, and tick columns as 64-bit integers', () => {
    assert.ok(isWithoutRowid(tableDef('tblPrincipalAffiliations')));
    assert.ok(isWithoutRowid(tableDef('tblLastChatId')));
    assert.ok(!isWithoutRowid(tableDef('tblPrincipal')));
    const db = new Database(':memory:');
    db.exec(createTableSql(tableDef('tblChat')));
    const ticks = 638_461_818_000_000_001n;
    db.prepare(insertRowsSql(tableDef('tblChat'), 1)).run([1, 1n, ticks, 5, 0, 'hi', null]);
    const row = db.prepare('SELECT "chatDate" FROM "tblChat"').safeIntegers(true).get() as {
      chatDate: bigint;
    };
    assert.equal(row.chatDate, ticks);
    db.close();
  });
});
