/**
 * chatload_meta's encoding, whose store a database holds, and the provisioning decision every
 * target takes from it (SQLite and SQL Server alike).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChatloadError } from '../../src/core/errors.js';
import { TOOL_VERSION } from '../../src/core/version.js';
import { SCHEMA_VERSION } from '../../src/targets/schema/tables.js';
import {
  metaEntries,
  metaFromEntries,
  provisionAction,
  provisioningMeta,
  storeStatusOf,
  wantedStore,
  type StoreMeta,
  type WantedStore,
} from '../../src/targets/store-meta.js';
import { META, provisionOptions, smallWorld } from './fixtures.js';

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

const WHERE = 'sqlite:.chatload/test.db';

const chatload = storeStatusOf([], META);

describe('chatload_meta', () => {
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
    assert.deepEqual(metaFromEntries(new Map([['stores', 'mgc,other']])).stores, ['mgc']);
  });
});

describe('whose store a database holds', () => {
  it('is chatload’s with chatload_meta, empty without any table, foreign with tables only', () => {
    assert.deepEqual(storeStatusOf(['tblChat'], META), {
      state: 'chatload',
      schemaVersion: SCHEMA_VERSION,
      fingerprint: 'fp-11',
    });
    assert.deepEqual(storeStatusOf([], null), { state: 'empty' });
    assert.deepEqual(storeStatusOf(['tblPrincipal'], null), {
      state: 'foreign',
      evidence: 'Persistent Chat table tblPrincipal without chatload_meta',
    });
    const many = storeStatusOf(['dbo.tblChat', 'dbo.tblNode', 'dbo.tblPrincipal', 'dbo.x'], null);
    assert.equal(
      many.state === 'foreign' && many.evidence,
      'Persistent Chat tables dbo.tblChat, dbo.tblNode, dbo.tblPrincipal and 1 more without chatload_meta',
    );
  });
});

function refusal(meta: StoreMeta, wanted: WantedStore): ChatloadError {
  try {
    provisionAction(chatload, meta, wanted, WHERE);
  } catch (error) {
    if (error instanceof ChatloadError) return error;
    throw error;
  }
  assert.fail('expected a ChatloadError');
}

describe('what provisioning does', () => {
  it('refuses a foreign store, with or without --force', () => {
    const foreign = storeStatusOf(['tblChat'], null);
    for (const force of [false, true]) {
      assert.throws(
        () => provisionAction(foreign, null, { ...WANTED, force }, WHERE),
        (e: unknown) =>
          e instanceof ChatloadError &&
          e.code === 'E_FOREIGN_STORE' &&
          e.exitCode === 2 &&
          /production mgc must never be touched/.test(e.message) &&
          /tblChat/.test(e.message) &&
          /--force does not override/.test(e.hint ?? '') &&
          e.message.includes(WHERE),
      );
    }
  });

  it('creates into an empty database', () => {
    assert.equal(provisionAction({ state: 'empty' }, null, WANTED, WHERE), 'create');
    assert.equal(
      provisionAction({ state: 'empty' }, null, { ...WANTED, force: true }, WHERE),
      'create',
    );
  });

  it('keeps a complete store of the same world, also when it holds more stores than asked', () => {
    assert.equal(provisionAction(chatload, META, WANTED, WHERE), 'keep');
    assert.equal(provisionAction(chatload, META, { ...WANTED, stores: ['mgc'] }, WHERE), 'keep');
  });

  it('recreates with --force, and an incomplete store of its own without asking', () => {
    assert.equal(provisionAction(chatload, META, { ...WANTED, force: true }, WHERE), 'recreate');
    const other = { ...WANTED, fingerprint: 'fp-12', seed: 12, force: true };
    assert.equal(provisionAction(chatload, META, other, WHERE), 'recreate');
    assert.equal(
      provisionAction(chatload, { ...META, complete: false }, { ...WANTED, seed: 12 }, WHERE),
      'recreate',
    );
  });

  it('keeps what a run of the same world recorded once it completed, and only then', () => {
    const world = smallWorld(11);
    const options = provisionOptions({ stores: { mgc: false, mgccomp: true } });
    const started = provisioningMeta(world, options);
    assert.deepEqual(started.stores, ['mgccomp']);
    assert.equal(started.fingerprint, world.fingerprint);
    assert.equal(started.toolVersion, TOOL_VERSION);
    assert.equal(started.complete, false);
    assert.deepEqual(started.rowCounts, {});
    const wanted = wantedStore(world, options);
    const status = storeStatusOf([], started);
    assert.equal(provisionAction(status, started, wanted, WHERE), 'recreate');
    const done = { ...started, complete: true };
    assert.equal(provisionAction(status, done, wanted, WHERE), 'keep');
    const otherSeed = wantedStore(smallWorld(12), options);
    assert.throws(
      () => provisionAction(status, done, otherSeed, WHERE),
      (error) => error instanceof ChatloadError && error.code === 'E_OTHER_WORLD',
    );
  });

  it('asks for --force, naming what differs, for another world, history, stores or schema', () => {
    const cases: [Partial<WantedStore>, string][] = [
      [{ fingerprint: 'fp-12', seed: 12 }, 'seed 11 → 12'],
      [
        { fingerprint: 'fp-12', model: 'small', users: 50 },
        'model lync2013 → small, users 300 → 50',
      ],
      [{ historyDays: 5 }, 'historyDays 2 → 5'],
      [
        { schemaVersion: SCHEMA_VERSION + 1 },
        `schema version ${SCHEMA_VERSION} → ${SCHEMA_VERSION + 1}`,
      ],
      [{ fingerprint: 'fp-12' }, 'the world fingerprint (corpus or domain)'],
    ];
    for (const [change, differs] of cases) {
      const error = refusal(META, { ...WANTED, ...change });
      assert.equal(error.code, 'E_OTHER_WORLD');
      assert.ok(error.message.includes(`(differs in: ${differs})`), error.message);
      assert.match(error.message, /The store holds model lync2013, 300 users, seed 11, 2 day/);
      assert.ok(error.message.includes(WHERE));
      assert.match(error.hint ?? '', /Re-run with --force/);
    }
    const fewer = refusal({ ...META, stores: ['mgc'] }, WANTED);
    assert.ok(fewer.message.includes('(differs in: stores mgc → mgc+mgccomp)'), fewer.message);
  });
});
