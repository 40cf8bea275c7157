/**
 * The production-store guard and provisioning decisions of the SQL Server target, from what the
 * inspection queries return; and the permission walk's per-room OR of role bit sets.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatloadError, InputError } from '../../src/core/errors.js';
import { JOIN_PERMISSION } from '../../src/targets/command-semantics.js';
import { permissionsByRoom, slotValues } from '../../src/targets/mssql/commands.js';
import { ROOM_SLOTS } from '../../src/targets/mssql/statements.js';
import { FIND_TABLES } from '../../src/targets/mssql/store-statements.js';
import {
  metaEntries,
  metaFromEntries,
  provisionAction,
  storeStatusOf,
  type StoreMeta,
  type WantedStore,
} from '../../src/targets/mssql/store-status.js';
import { ROLE_PERMISSIONS } from '../../src/targets/schema/fixed-rows.js';
import { META_TABLE, SCHEMA_VERSION, TABLES } from '../../src/targets/schema/tables.js';

const META: StoreMeta = {
  schemaVersion: SCHEMA_VERSION,
  fingerprint: 'fp-11',
  model: 'lync2013',
  users: 300,
  seed: 11,
  historyDays: 2,
  stores: ['mgc', 'mgccomp'],
  toolVersion: '0.1.0',
  createdAt: '2024-03-15T18:30:00.000Z',
  complete: true,
  rowCounts: { tblChat: 3744, tblPrincipal: 512 },
};

const WANTED: WantedStore = {
  schemaVersion: SCHEMA_VERSION,
  fingerprint: 'fp-11',
  model: 'lync2013',
  users: 300,
  seed: 11,
  historyDays: 2,
  stores: ['mgc', 'mgccomp'],
  force: false,
};

const WHERE = 'mssql://loader@db1:1433/mgc_test';

describe('what a database holds', () => {
  it('looks for every published table and chatload_meta', () => {
    for (const name of [META_TABLE.name, ...TABLES.map((t) => t.name)]) {
      assert.ok(FIND_TABLES.text.includes(`N'${name}'`), name);
    }
  });

  it('is empty without Persistent Chat tables, foreign with them and no chatload_meta', () => {
    assert.deepEqual(storeStatusOf({ tables: [], meta: null }), { state: 'empty' });
    const foreign = storeStatusOf({
      tables: ['tblChat', 'tblNode', 'tblPrincipal', 'tblConfig'],
      meta: null,
    });
    assert.equal(foreign.state, 'foreign');
    assert.equal(
      foreign.state === 'foreign' && foreign.evidence,
      'Persistent Chat tables dbo.tblChat, dbo.tblNode, dbo.tblPrincipal and 1 more without chatload_meta',
    );
    assert.deepEqual(storeStatusOf({ tables: ['chatload_meta', 'tblChat'], meta: META }), {
      state: 'chatload',
      schemaVersion: SCHEMA_VERSION,
      fingerprint: 'fp-11',
    });
  });

  it('reads back the meta it writes, with the keys every target uses', () => {
    const entries = metaEntries(META);
    assert.deepEqual(
      entries.map(([key]) => key),
      [
        'schema_version',
        'fingerprint',
        'model',
        'users',
        'seed',
        'history_days',
        'stores',
        'tool_version',
        'created_at',
        'complete',
        'row_counts',
      ],
    );
    assert.deepEqual(metaFromEntries(new Map(entries)), META);
    assert.equal(metaFromEntries(new Map([['complete', '0']])).complete, false);
    assert.deepEqual(metaFromEntries(new Map([['row_counts', 'not json']])).rowCounts, {});
  });
});

describe('what provisioning does', () => {
  const chatload = storeStatusOf({ tables: ['chatload_meta'], meta: META });

  it('refuses a foreign store, with or without --force', () => {
    const foreign = storeStatusOf({ tables: ['tblChat'], meta: null });
    for (const force of [false, true]) {
      assert.throws(
        () => provisionAction(foreign, null, { ...WANTED, force }, WHERE),
        (e: unknown) =>
          e instanceof ChatloadError &&
          e.code === 'E_FOREIGN_STORE' &&
          e.exitCode === 2 &&
          /production mgc must never be touched/.test(e.message) &&
          e.message.includes(WHERE),
      );
    }
  });

  it('creates into an empty database and keeps a complete store of the same world', () => {
    assert.equal(provisionAction({ state: 'empty' }, null, WANTED, WHERE), 'create');
    assert.equal(provisionAction(chatload, META, WANTED, WHERE), 'keep');
    assert.equal(provisionAction(chatload, META, { ...WANTED, stores: ['mgc'] }, WHERE), 'keep');
  });

  it('recreates with --force, and an incomplete store of its own without asking', () => {
    assert.equal(provisionAction(chatload, META, { ...WANTED, force: true }, WHERE), 'recreate');
    assert.equal(
      provisionAction(chatload, { ...META, complete: false }, WANTED, WHERE),
      'recreate',
    );
  });

  it('asks for --force, saying what differs, for another world, history or schema', () => {
    const differing: Partial<WantedStore>[] = [
      { fingerprint: 'fp-12', seed: 12 },
      { historyDays: 5 },
      { schemaVersion: SCHEMA_VERSION + 1 },
    ];
    for (const change of differing) {
      assert.throws(
        () => provisionAction(chatload, META, { ...WANTED, ...change }, WHERE),
        (e: unknown) =>
          e instanceof InputError && /--force/.test(e.hint ?? '') && /seed 11/.test(e.message),
      );
    }
    assert.throws(
      () => provisionAction(chatload, { ...META, stores: ['mgc'] }, WANTED, WHERE),
      InputError,
    );
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
