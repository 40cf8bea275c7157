/**
 * The store-versus-plan table on real SQLite stores of small worlds: a model that can have the
 * published shape gives the plan's figures (or, where the plan carries fractions of rooms, its
 * arithmetic on whole rooms); a changed count or a model that cannot have the shape is marked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { lync2013 } from '../../src/model/lync2013.js';
import { applyOverrides } from '../../src/model/overrides.js';
import type { DeploymentModel } from '../../src/model/types.js';
import { compareStoreWithPlan, type StoreVersusPlanRow } from '../../src/run/store-vs-plan.js';
import type { StoreCensus } from '../../src/targets/census.js';
import { SqliteTarget } from '../../src/targets/sqlite/target.js';
import { parseTargetUrl } from '../../src/targets/url.js';
import { buildWorld } from '../../src/workload/world.js';
import { provisionOptions, tempDir, testContext } from '../targets/fixtures.js';

/** 3,000 users of whom 1,600 sign in; rooms sized so that every class keeps its shape. */
const shaped: DeploymentModel = applyOverrides(lync2013, {
  population: { provisionedUsers: 3000, concurrentUsers: 1600 },
  roomClasses: {
    small: { chatRatePerS: 22.22 * 0.02 },
    medium: { chatRatePerS: 1.67 * 0.02 },
    large: { usersPerRoom: 400, usersWithGroupAccess: 400, chatRatePerS: 0.15 * 0.02 },
  },
  directory: { directoryGroups: 300 },
});

/** The smoke scenario's shape: 150-user medium rooms do not fit 500 users' 2 rooms each. */
const cramped: DeploymentModel = applyOverrides(lync2013, {
  population: { provisionedUsers: 1000, concurrentUsers: 500 },
  roomClasses: {
    small: { chatRatePerS: 0.1 },
    medium: { chatRatePerS: 0.01 },
    large: { usersPerRoom: 250, usersWithGroupAccess: 250, chatRatePerS: 0.001 },
  },
  directory: { directoryGroups: 200 },
});

const dir = tempDir('store-vs-plan');
after(() => dir.remove());

async function censusOf(model: DeploymentModel, name: string): Promise<StoreCensus> {
  const world = buildWorld(model, { seed: 31 });
  const spec = parseTargetUrl(`sqlite:${dir.path}/${name}.db`);
  if (spec.kind !== 'sqlite') throw new Error('expected a sqlite target');
  const target = new SqliteTarget(spec.config);
  await target.open(testContext(world, null));
  try {
    const days = 1;
    const rates = {
      small: model.roomClasses.small.chatRatePerS,
      medium: model.roomClasses.medium.chatRatePerS,
      large: model.roomClasses.large.chatRatePerS,
    };
    await target.provision(world, provisionOptions({ historyDays: days, historyRatesPerS: rates }));
    return await target.census(world);
  } finally {
    await target.close();
  }
}

const byId = (rows: readonly StoreVersusPlanRow[]) => new Map(rows.map((r) => [r.id, r]));

describe('the store against the plan', () => {
  let census: StoreCensus;
  before(async () => {
    census = await censusOf(shaped, 'shaped');
  });

  it('holds the plan’s figures, to whole rooms, on a model that can have the published shape', () => {
    const table = compareStoreWithPlan(shaped, census, { historyDays: 1 });
    const differs = table.rows.filter((r) => r.verdict === 'differs');
    assert.deepEqual(differs, [], 'no figure differs');
    for (const row of table.rows) {
      if (row.verdict === 'info') continue;
      assert.deepEqual(
        row.store,
        row.wholeRooms ?? row.plan,
        `${row.figure}: the model's arithmetic`,
      );
    }
    const rows = byId(table.rows);
    // 1,600 × 2 ÷ 150 = 21.33 medium rooms: the plan's 2.07 direct-managed ones are 2 in a store.
    assert.equal(rows.get('rooms.all.medium')?.store, 21);
    assert.equal(rows.get('access.userEntities.medium')?.store, 2 * 150);
    assert.equal(rows.get('access.userEntities.medium')?.verdict, 'whole-rooms');
    assert.equal(rows.get('rooms.all.small')?.verdict, 'match');
    assert.deepEqual(rows.get('access.usersPerList.small')?.store, { min: 30, max: 30 });
    assert.deepEqual(rows.get('access.groupsPerList.large')?.store, { min: 10, max: 10 });
    assert.equal(rows.get('invitations.invitations.small')?.store, 320 * 60);
    const ancestors = rows.get('directory.ancestors');
    assert.equal(ancestors?.verdict, 'match');
    assert.ok(ancestors?.store !== null && typeof ancestors?.store === 'object');
    assert.ok(ancestors.store.min >= 100 && ancestors.store.max <= 200);
    // 0.4444, 0.0334 and 0.003 messages/s over 28,800 s: 12,798.72 + 961.92 + 86.4, rounded.
    assert.equal(rows.get('store.history.total')?.store, 12_799 + 962 + 86);
    assert.equal(table.inconsistencies.length, 0, 'not the published model: no published figures');
    assert.ok(table.rows.every((r) => r.published === null));
  });

  it('marks a count that is not the plan’s, and one that is only the whole-room arithmetic', () => {
    const doctored: StoreCensus = {
      ...census,
      classes: {
        ...census.classes,
        small: { ...census.classes.small, invitations: census.classes.small.invitations - 1 },
      },
      ancestorsPerUser: { min: 99, max: 200 },
    };
    const rows = byId(compareStoreWithPlan(shaped, doctored, { historyDays: 1 }).rows);
    assert.equal(rows.get('invitations.invitations.small')?.verdict, 'differs');
    assert.equal(rows.get('invitations.invitations.total')?.verdict, 'differs');
    assert.equal(rows.get('directory.ancestors')?.verdict, 'differs', '99 ancestors is too few');
    assert.equal(rows.get('rooms.all.small')?.verdict, 'match');
    assert.equal(rows.get('store.domainGrants')?.verdict, 'info');
  });

  it('marks the figures of a model that cannot have the published shape', async () => {
    const table = compareStoreWithPlan(cramped, await censusOf(cramped, 'cramped'), {
      historyDays: 1,
    });
    const differs = new Set(table.rows.filter((r) => r.verdict === 'differs').map((r) => r.id));
    // 7 medium rooms × 150 users is more than 500 users × 2 rooms: lists cannot hold 150.
    assert.ok(
      differs.has('access.usersPerList.medium') || differs.has('access.userEntities.medium'),
    );
    assert.ok(!differs.has('rooms.all.small'));
  });
});
