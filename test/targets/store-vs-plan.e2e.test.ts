/**
 * The full documented population provisioned into SQLite (150,000 users, 33,077 rooms, a day of
 * history; ~20 s on a quiet machine) holds what `chatload plan` says, counted with SQL: every
 * figure is the plan's, or its arithmetic on whole rooms where the plan carries fractions of
 * rooms (medium rooms: 1,066.67).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { lync2013 } from '../../src/model/lync2013.js';
import { actionRates } from '../../src/model/rates.js';
import { compareStoreWithPlan } from '../../src/run/store-vs-plan.js';
import { SqliteTarget } from '../../src/targets/sqlite/target.js';
import { parseTargetUrl } from '../../src/targets/url.js';
import { buildWorld } from '../../src/workload/world.js';
import { HISTORY_END_MS, tempDir, testContext } from './fixtures.js';

const dir = tempDir('documented-store');
after(() => dir.remove());

describe('the documented population in SQLite', () => {
  it('holds the plan’s figures, counted with SQL', async () => {
    const world = buildWorld(lync2013, { seed: 2013 });
    const spec = parseTargetUrl(`sqlite:${dir.path}/mgc.db`);
    if (spec.kind !== 'sqlite') throw new Error('expected a sqlite target');
    const target = new SqliteTarget(spec.config);
    await target.open(testContext(world, null));
    let census;
    try {
      await target.provision(world, {
        stores: { mgc: true, mgccomp: false },
        historyDays: 1,
        force: false,
        historyEndMs: HISTORY_END_MS,
        historyRatesPerS: actionRates(lync2013).post,
        workdayHours: 8,
      });
      census = await target.census(world);
    } finally {
      await target.close();
    }
    const table = compareStoreWithPlan(lync2013, census, { historyDays: 1 });
    const store = new Map(table.rows.map((r) => [r.id, r.store]));
    const verdict = new Map(table.rows.map((r) => [r.id, r.verdict]));
    const expect = (id: string, value: unknown, how = 'match') => {
      assert.deepEqual(store.get(id), value, id);
      assert.equal(verdict.get(id), how, `${id} verdict`);
    };
    expect('rooms.all.small', 32_000);
    expect('rooms.all.medium', 1_067);
    expect('rooms.all.large', 10);
    expect('rooms.all.total', 33_077);
    expect('rooms.open.total', 997);
    // The plan's auditorium rooms (1 % / 1 % / 50 %), not the published 0 / 32 / 5 (footnote [1]).
    expect('rooms.auditorium.small', 320);
    expect('rooms.auditorium.medium', 11);
    expect('rooms.auditorium.large', 5);
    expect('access.usersPerList.small', { min: 30, max: 30 });
    expect('access.usersPerList.medium', { min: 150, max: 150 });
    expect('access.groupsPerList.small', { min: 3, max: 3 });
    expect('access.groupsPerList.medium', { min: 5, max: 5 });
    expect('access.groupsPerList.large', { min: 10, max: 10 });
    expect('access.userEntities.small', 465_600);
    expect('access.userEntities.medium', 103 * 150, 'whole-rooms');
    expect('access.groupEntities.small', 46_560);
    expect('access.groupEntities.medium', 932 * 5, 'whole-rooms');
    expect('access.groupEntities.large', 50);
    expect('access.managerEntities.small', 192_000);
    expect('access.managerEntities.medium', 1_067 * 6, 'whole-rooms');
    expect('access.managerEntities.large', 60);
    expect('access.presenterEntities.small', 320 * 6);
    expect('access.presenterEntities.medium', 11 * 6, 'whole-rooms');
    expect('access.presenterEntities.large', 30);
    expect('access.ace.small', 706_080);
    expect('access.ace.total', 706_080 + 26_578 + 140, 'whole-rooms');
    expect('invitations.invitations.small', 960_000);
    expect('invitations.invitations.medium', 533 * 225, 'whole-rooms');
    expect('invitations.invitations.large', 80_000);
    expect('principals.users', 150_000);
    expect('principals.total', 2 + 584 + 5_000 + 51_270 + 150_000);
    expect('directory.ancestors', { min: 100, max: 200 });
    expect('directory.usersWithAncestors', 150_000);
    expect('store.history.total', 692_352);
    assert.deepEqual(
      table.rows.filter((r) => r.verdict === 'differs').map((r) => r.figure),
      [],
    );
  });
});
