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
  provisionAction,
  provisioningMeta,
  readMetaTable,
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

const valid = (meta: StoreMeta) => ({ valid: true, meta }) as const;
const chatload = storeStatusOf([], valid(META));

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
    assert.deepEqual(readMetaTable(new Map(entries)), valid(META));
    const started = { ...META, complete: false, rowCounts: {} };
    assert.deepEqual(readMetaTable(new Map(metaEntries(started))), valid(started));
    const later = new Map([...entries, ['added_by_a_later_version', 'x']]);
    assert.deepEqual(readMetaTable(later), valid(META), 'keys it does not know are ignored');
  });

  it('accepts only a whole, well-formed record: anything else is not chatload’s', () => {
    const entries = new Map(metaEntries(META));
    const with_ = (key: string, value: string | undefined) => {
      const changed = new Map(entries);
      if (value === undefined) changed.delete(key);
      else changed.set(key, value);
      return readMetaTable(changed);
    };
    const cases: [string, string | undefined, string][] = [
      ['schema_version', undefined, 'no schema_version'],
      ['fingerprint', '', 'fingerprint is empty'],
      ['users', 'NaN', 'users is not a whole number >= 1 ("NaN")'],
      ['seed', '-1', 'seed is not a whole number >= 0 ("-1")'],
      ['history_days', '1.5', 'history_days is not a whole number >= 0 ("1.5")'],
      ['stores', 'mgc,other', 'stores is not a list of mgc and mgccomp ("mgc,other")'],
      ['stores', 'mgc,mgc', 'stores is not a list of mgc and mgccomp ("mgc,mgc")'],
      ['created_at', 'yesterday', 'created_at is not a time ("yesterday")'],
      ['complete', 'yes', 'complete is not 0 or 1 ("yes")'],
      ['row_counts', 'not json', 'row_counts is not JSON'],
      ['row_counts', '{"tblChat": -3}', 'row_counts is not an object of row counts'],
      ['row_counts', '[1]', 'row_counts is not an object of row counts'],
    ];
    for (const [key, value, problem] of cases) {
      assert.deepEqual(with_(key, value), { valid: false, problem }, `${key}=${value}`);
    }
    assert.deepEqual(readMetaTable(new Map()), { valid: false, problem: 'chatload_meta is empty' });
  });
});

describe('whose store a database holds', () => {
  it('is chatload’s with chatload_meta, empty without any table, foreign with tables only', () => {
    assert.deepEqual(storeStatusOf(['tblChat'], valid(META)), {
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

  it('is foreign when chatload_meta holds no valid record, whatever else the database holds', () => {
    const empty = { valid: false, problem: 'chatload_meta is empty' } as const;
    assert.deepEqual(storeStatusOf(['tblChat'], empty), {
      state: 'foreign',
      evidence:
        'a chatload_meta table chatload did not write (chatload_meta is empty) and Persistent Chat table tblChat',
    });
    assert.deepEqual(storeStatusOf([], empty), {
      state: 'foreign',
      evidence: 'a chatload_meta table chatload did not write (chatload_meta is empty)',
    });
    assert.throws(
      () => provisionAction(storeStatusOf(['tblChat'], empty), null, WANTED, WHERE),
      (e: unknown) => e instanceof ChatloadError && e.code === 'E_FOREIGN_STORE',
    );
  });

  it('is foreign when the database holds tables of its own, where the target counts them', () => {
    assert.deepEqual(storeStatusOf([], null, ['orders', 'customers']), {
      state: 'foreign',
      evidence: 'tables orders, customers without chatload_meta',
    });
    assert.equal(storeStatusOf(['tblChat'], valid(META), ['notes']).state, 'chatload');
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
    const status = storeStatusOf([], valid(started));
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
