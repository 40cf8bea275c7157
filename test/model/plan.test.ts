import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  applyOverrides,
  buildPlan,
  matchesPublished,
  models,
  planRow,
  PUBLISHED_INCONSISTENCIES,
  PUBLISHED_LYNC2013,
  type Plan,
  type PlanRow,
} from '../../src/model/index.js';
import { roundTo } from '../../src/core/arithmetic.js';

const plan = buildPlan(models.lync2013);

function rowOf(p: Plan, id: string): PlanRow {
  const found = planRow(p, id);
  assert.ok(found, `row ${id} exists`);
  return found;
}

/** The computed cells of a row, rounded to `decimals` as the published tables print them. */
function rounded(p: Plan, id: string, decimals = 0): Record<string, number> {
  const cells = rowOf(p, id).computed;
  return Object.fromEntries(Object.entries(cells).map(([c, v]) => [c, roundTo(v, decimals)]));
}

describe('plan for the published lync2013 model', () => {
  it('reproduces the published room counts (32,000 / 1,067 / 10 = 33,077)', () => {
    assert.deepEqual(rounded(plan, 'rooms.all'), {
      small: 32_000,
      medium: 1_067,
      large: 10,
      total: 33_077,
    });
    assert.equal(roundTo(plan.capacity.rooms.all.medium, 2), 1_066.67);
    assert.equal(rounded(plan, 'rooms.open')['total'], 997);
    assert.deepEqual(rounded(plan, 'rooms.nonOpen'), {
      small: 31_040,
      medium: 1_035,
      large: 5,
      total: 32_080,
    });
  });

  it('computes ACEs from the inputs (732,860) and marks every cell that differs from 731,088', () => {
    assert.deepEqual(rounded(plan, 'access.ace'), {
      small: 706_080,
      medium: 26_640,
      large: 140,
      total: 732_860,
    });
    const ace = rowOf(plan, 'access.ace');
    assert.equal(ace.published?.total?.value, 731_088);
    assert.deepEqual(ace.differs, ['small', 'medium', 'large', 'total']);
    assert.ok(ace.notes.includes('auditorium-rooms'));
  });

  it('reproduces the published ACEs exactly from the published entity rows (arithmetic check)', () => {
    const check = rowOf(plan, 'access.acePublishedCheck');
    assert.deepEqual(check.computed, {
      small: 704_160,
      medium: 26_768,
      large: 160,
      total: 731_088,
    });
    assert.deepEqual(check.differs, []);
    assert.equal(check.basis, 'published');
  });

  it('reproduces invitations (960,000 / 120,000 / 80,000 = 1,160,000 of 2,000,000)', () => {
    assert.deepEqual(rounded(plan, 'invitations.invitations'), {
      small: 960_000,
      medium: 120_000,
      large: 80_000,
      total: 1_160_000,
    });
    assert.deepEqual(rowOf(plan, 'invitations.invitations').differs, []);
    assert.equal(rowOf(plan, 'invitations.shareOfLimit').computed.total?.toFixed(1), '58.0');
  });

  it('reproduces the chat rates: 24/s, model 1 74/s, model 2 56/s and 1,213 per room per day', () => {
    assert.equal(roundTo(plan.capacity.chat.perfModelPerS.total, 0), 24);
    assert.equal(roundTo(plan.capacity.chat.perfModelPerS.total, 2), 24.04);
    assert.deepEqual(rounded(plan, 'chat.model1PerS', 2), {
      small: 55.56,
      medium: 18.52,
      large: 0.03,
      total: 74.11,
    });
    assert.equal(roundTo(plan.capacity.chat.model1.perS.total, 0), 74);
    assert.deepEqual(rounded(plan, 'chat.model2PerS', 2), {
      small: 41.67,
      medium: 13.89,
      large: 0.28,
      total: 55.83,
    });
    assert.equal(roundTo(plan.capacity.chat.model2.perS.total, 0), 56);
    assert.deepEqual(rounded(plan, 'chat.model2PerRoomPerDay'), {
      small: 38,
      medium: 375,
      large: 800,
      total: 1_213,
    });
    for (const id of ['chat.perfModel', 'chat.model1PerS', 'chat.model2PerS']) {
      assert.deepEqual(rowOf(plan, id).differs, [], id);
    }
    assert.ok(rowOf(plan, 'chat.perfModel').notes.includes('chat-rate-total-rounding'));
  });

  it('reproduces polling (15,000/s), presence (133.33/s), 4 servers, 1 pool, 120,000 endpoints', () => {
    const { activity, pool } = plan.capacity;
    assert.equal(roundTo(activity.pollingPerS, 2), 15_000);
    assert.equal(roundTo(activity.presenceChangesPerS, 2), 133.33);
    assert.equal(pool.serversNeeded, 4);
    assert.equal(pool.poolsNeeded, 1);
    assert.equal(pool.endpoints, 120_000);
    assert.equal(roundTo(pool.usersPerServerAfterFailover ?? 0, 0), 26_667);
    assert.equal(activity.peakRoomJoinsPerS, 160);
  });

  it('shows store growth: 692,352 messages/day from the per-class rates beside the published 691,200', () => {
    assert.equal(roundTo(plan.capacity.growth.messagesPerDay, 0), 692_352);
    const perDay = rowOf(plan, 'growth.messagesPerDay');
    assert.deepEqual(perDay.differs, ['total']);
    assert.ok(perDay.notes.includes('chat-rate-total-rounding'));
    assert.deepEqual(rowOf(plan, 'growth.messagesPerDayPublishedCheck').computed, {
      total: 691_200,
    });
    assert.deepEqual(rowOf(plan, 'growth.messagesPerYear').differs, []);
    assert.equal(
      plan.capacity.growth.bytesPerDay,
      plan.capacity.growth.messagesPerDay * models.lync2013.assumptions.averageChatRowBytes,
    );
    assert.equal(rowOf(plan, 'growth.bytesPerDay').basis, 'estimate');
  });

  it('marks the auditorium rows and the alternative block large column, nothing else', () => {
    const marked = plan.tables
      .flatMap((t) => t.rows)
      .filter((r) => r.differs.length > 0)
      .map((r) => `${r.id}:${r.differs.join(',')}`);
    assert.deepEqual(marked.sort(), [
      'access.ace:small,medium,large,total',
      'access.presenterEntities:small,medium,large',
      'alternative.groupEntities:large',
      'alternative.userEntities:large',
      'growth.messagesPerDay:total',
      'rooms.auditorium:small,medium',
    ]);
  });

  it('lists the auditorium, large-room and typo inconsistencies, each on rows that exist', () => {
    const ids = plan.inconsistencies.map((i) => i.id);
    for (const id of [
      'auditorium-rooms',
      'auditorium-entities-large',
      'alternative-large-rooms',
      'non-open-medium-typo',
      'chat-rate-total-rounding',
    ]) {
      assert.ok(ids.includes(id), id);
    }
    for (const item of PUBLISHED_INCONSISTENCIES) {
      for (const id of item.rows) assert.ok(planRow(plan, id), `${item.id} names row ${id}`);
      assert.ok(item.explanation.length > 40);
    }
    assert.equal(rowOf(plan, 'rooms.nonOpen').published?.medium?.printed, '1.035');
    assert.deepEqual(rowOf(plan, 'rooms.nonOpen').differs, []);
  });

  it('attaches every published value to a row of the plan', () => {
    for (const id of Object.keys(PUBLISHED_LYNC2013)) {
      assert.ok(rowOf(plan, id).published, `published ${id} is shown`);
    }
  });

  it('labels the workload rates documented, derived or assumption', () => {
    const basis = (id: string) => rowOf(plan, `workload.${id}`).basis;
    assert.equal(basis('signin'), 'documented');
    assert.equal(basis('post.small'), 'documented');
    assert.equal(basis('join'), 'derived');
    assert.equal(basis('history'), 'assumption');
    assert.equal(roundTo(rowOf(plan, 'workload.post.medium').computed.total ?? 0, 2), 1.67);
  });

  it('has no limit warnings', () => {
    assert.deepEqual(plan.warnings, []);
  });
});

describe('matchesPublished', () => {
  it('compares at the precision the value was printed with', () => {
    const printed = (value: number, step: number) => ({ value, step, printed: String(value) });
    assert.equal(matchesPublished(55.5556, printed(55.56, 0.01)), true);
    assert.equal(matchesPublished(24.04, printed(24, 1)), true);
    assert.equal(matchesPublished(37.5, printed(38, 1)), true);
    assert.equal(matchesPublished(10.67, printed(32, 1)), false);
    assert.equal(matchesPublished(692_352, printed(691_200, 1)), false);
    assert.equal(matchesPublished(173_088_000, printed(173_000_000, 1_000_000)), true);
    assert.equal(matchesPublished(undefined, printed(1, 1)), false);
  });
});

describe('plan for other models', () => {
  it('shows no published values and no inconsistencies once an input changes', () => {
    const model = applyOverrides(models.lync2013, { rates: { workdaysPerYear: 240 } });
    const other = buildPlan(model);
    assert.equal(other.published, false);
    assert.deepEqual(other.inconsistencies, []);
    assert.ok(other.tables.every((t) => t.rows.every((r) => r.published === undefined)));
    assert.equal(planRow(other, 'access.acePublishedCheck'), undefined);
    assert.equal(rowOf(other, 'rooms.usersPerRoom').basis, 'input');
  });

  it('--users 20000 gives 8,000 small rooms and one server', () => {
    const users = applyOverrides(models.lync2013, {
      population: { concurrentUsers: 20_000, provisionedUsers: 37_500 },
    });
    const small = buildPlan(users);
    assert.equal(small.capacity.rooms.all.small, 8_000);
    assert.equal(small.capacity.pool.serversNeeded, 1);
    assert.equal(small.capacity.pool.usersPerServerAfterFailover, null);
    assert.deepEqual(small.warnings, []);
  });

  it('200,000 users cross the pool limits and the invitation maximum; ACEs stay under (1,832,150)', () => {
    const big = buildPlan(
      applyOverrides(models.lync2013, {
        population: { concurrentUsers: 200_000, provisionedUsers: 375_000 },
      }),
    );
    // Every room count is linear in the users, so ACEs and invitations scale by 2.5.
    assert.equal(roundTo(big.capacity.access.accessControlEntries.total, 0), 1_832_150);
    assert.deepEqual(big.warnings.map((w) => w.id).sort(), [
      'concurrentUsersPerPool',
      'endpointsPerPool',
      'invitations',
      'provisionedUsersPerPool',
      'serversPerPool',
    ]);
    const invitations = big.warnings.find((w) => w.id === 'invitations');
    assert.equal(invitations?.value, 2_900_000);
    assert.equal(big.capacity.pool.poolsNeeded, 3);
    assert.equal(big.capacity.pool.serversNeeded, 10);
  });

  it('80 small rooms per user push ACEs past 2,000,000 (706,080 × 80/12 + 26,640 + 140)', () => {
    const many = buildPlan(
      applyOverrides(models.lync2013, { roomClasses: { small: { roomsPerUser: 80 } } }),
    );
    const ace = many.warnings.find((w) => w.id === 'accessControlEntries');
    assert.ok(ace, 'ACE warning');
    assert.equal(roundTo(ace.value, 0), 4_733_980);
    assert.equal(ace.limit, 2_000_000);
    assert.match(ace.message, /4,733,980 access control entries/);
    assert.ok(many.warnings.some((w) => w.id === 'invitations'));
  });

  it('scales ACEs and invitations linearly with the connected users', () => {
    const base = plan.capacity;
    fc.assert(
      fc.property(fc.integer({ min: 16_000, max: 1_000_000 }), (users) => {
        const scaled = buildPlan(
          applyOverrides(models.lync2013, {
            population: { concurrentUsers: users, provisionedUsers: users * 2 },
          }),
        ).capacity;
        const factor = users / 80_000;
        const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, b);
        return (
          close(
            scaled.access.accessControlEntries.total,
            base.access.accessControlEntries.total * factor,
          ) &&
          close(scaled.invitations.invitations.total, base.invitations.invitations.total * factor)
        );
      }),
      { numRuns: 200 },
    );
  });
});
