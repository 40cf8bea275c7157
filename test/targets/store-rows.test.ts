import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  historyCounts,
  historyRows,
  workWindows,
  type HistoryOptions,
} from '../../src/targets/rows/history.js';
import { provisionRowOptions, storeRows } from '../../src/targets/store-rows.js';
import type { SqlRow } from '../../src/targets/schema/types.js';
import { RoomFlag } from '../../src/workload/types.js';
import { csrRow, HISTORY_END_MS, provisionOptions, smallWorld } from './fixtures.js';
import { invitationCount } from './expectations.js';

const world = smallWorld(11);
const history: HistoryOptions = {
  days: 2,
  ratesPerS: { small: 0.05, medium: 0.01, large: 0.005 },
  workdayHours: 8,
  endMs: HISTORY_END_MS,
};
const options = {
  stores: { mgc: true, mgccomp: true },
  provisionedAtMs: HISTORY_END_MS - 3 * 86_400_000,
  history,
};

describe('store rows', () => {
  const loads = storeRows(world, options);

  it('comes in foreign-key order: every referenced table is loaded before its referrers', () => {
    const order = loads.map((l) => l.table.name);
    for (const [i, load] of loads.entries()) {
      for (const fk of load.table.foreignKeys) {
        const at = order.indexOf(fk.table);
        assert.ok(at === -1 || at <= i, `${fk.table} before ${load.table.name}`);
      }
    }
    assert.deepEqual(order.slice(0, 6), [
      'tblPrincipalType',
      'tblEnumAttribute',
      'tblEnumValue',
      'tblRoleType',
      'tblPrincipal',
      'tblPrincipalAffiliations',
    ]);
  });

  it('yields rows of the table’s width, NOT NULL columns filled, ticks as bigint, the announced counts', () => {
    for (const load of loads) {
      let rows = 0;
      for (const row of load.rows()) {
        rows++;
        assert.equal(row.length, load.table.columns.length, load.table.name);
        load.table.columns.forEach((column, c) => {
          const value = row[c];
          if (!column.nullable)
            assert.ok(value !== null && value !== undefined, `${load.table.name}.${column.name}`);
          if (value === null) return;
          const kind = column.type.kind;
          if (kind === 'bigint')
            assert.equal(typeof value, 'bigint', `${load.table.name}.${column.name}`);
          else if (kind === 'int' || kind === 'smallint' || kind === 'bit')
            assert.ok(Number.isInteger(value), `${load.table.name}.${column.name}`);
          else if (kind.includes('date')) assert.ok(value instanceof Date);
          else assert.equal(typeof value, 'string', `${load.table.name}.${column.name}`);
        });
      }
      if (load.expectedRows !== null) assert.equal(rows, load.expectedRows, load.table.name);
    }
  });

  it('numbers each user’s invitations 1..n in key order and records n as the last id', () => {
    const rowsOf = (name: string): SqlRow[] => [
      ...(loads.find((l) => l.table.name === name)?.rows() ?? []),
    ];
    const invites = rowsOf('tblPrincipalInvites');
    const last = new Map(rowsOf('tblLastInviteId').map((r) => [r[0], r[1]]));
    const byUser = new Map<number, number[]>();
    for (const [prin, invId] of invites)
      byUser.set(prin as number, [...(byUser.get(prin as number) ?? []), invId as number]);
    for (const u of [0, 10, 200]) {
      const prin = world.layout.userPrinBase + u;
      const ids = byUser.get(prin) ?? [];
      assert.deepEqual(
        ids,
        ids.map((_, i) => i + 1),
      );
      assert.equal(ids.length, invitationCount(world, u));
      assert.equal(last.get(prin), ids.length);
    }
  });

  it('of a provisioning run: its history, the directory stamped a day before it starts', () => {
    assert.deepEqual(provisionRowOptions(provisionOptions({ historyDays: 2 })), options);
  });

  it('leaves out a store that was not asked for', () => {
    assert.deepEqual(
      storeRows(world, { ...options, stores: { mgc: false, mgccomp: true } }).map(
        (l) => l.table.name,
      ),
      ['tblComplianceState'],
    );
    assert.ok(
      !storeRows(world, { ...options, stores: { mgc: true, mgccomp: false } }).some(
        (l) => l.table.store === 'mgccomp',
      ),
    );
  });
});

describe('history seeding', () => {
  it('picks the last N working windows that have ended, starting 08:00 UTC', () => {
    const at = (iso: string) => Date.parse(iso);
    assert.deepEqual(workWindows({ ...history, endMs: at('2024-03-15T18:30:00Z') }), [
      [at('2024-03-14T08:00:00Z'), at('2024-03-14T16:00:00Z')],
      [at('2024-03-15T08:00:00Z'), at('2024-03-15T16:00:00Z')],
    ]);
    const morning = workWindows({ ...history, days: 1, endMs: at('2024-03-15T10:00:00Z') });
    assert.deepEqual(
      morning,
      [[at('2024-03-14T08:00:00Z'), at('2024-03-14T16:00:00Z')]],
      'today’s window has not ended',
    );
  });

  it('is deterministic from the world seed and agrees with the counts it announces', () => {
    const a = [...historyRows(world, history)];
    const b = [...historyRows(world, history)];
    assert.deepEqual(a, b);
    const counts = historyCounts(world, history);
    const perRoom = new Map<number, number>();
    for (const row of a) perRoom.set(row[0] as number, (perRoom.get(row[0] as number) ?? 0) + 1);
    for (let r = 0; r < world.rooms; r++)
      assert.equal(perRoom.get(world.layout.roomNodeBase + r) ?? 0, counts[r]);
    const other = [...historyRows(smallWorld(12), history)];
    assert.notDeepEqual(
      other.slice(0, 20).map((r) => r[5]),
      a.slice(0, 20).map((r) => r[5]),
    );
  });

  it('seeds exactly each class’s rate over the working days, spread evenly over its rooms', () => {
    const counts = historyCounts(world, { ...history, days: 10 });
    for (const [code, rate] of [
      [0, 0.05],
      [1, 0.01],
      [2, 0.005],
    ] as const) {
      const mine: number[] = [];
      for (let r = 0; r < world.rooms; r++)
        if (world.roomClass[r] === code) mine.push(counts[r] as number);
      assert.equal(
        mine.reduce((sum, n) => sum + n, 0),
        Math.round(rate * 8 * 3600 * 10),
        `class ${code}`,
      );
      // Ten days, each within one message of the even share.
      assert.ok(Math.max(...mine) - Math.min(...mine) <= 10, `class ${code}: ${mine.join(',')}`);
    }
    assert.equal(
      historyCounts(world, { ...history, days: 0 }).reduce((s, n) => s + n, 0),
      0,
    );
  });

  it('has followers post, and only presenters in auditorium rooms', () => {
    for (const row of historyRows(world, history)) {
      const room = (row[0] as number) - world.layout.roomNodeBase;
      const user = (row[3] as number) - world.layout.userPrinBase;
      const auditorium = ((world.roomFlags[room] as number) & RoomFlag.auditorium) !== 0;
      const posters = csrRow(auditorium ? world.roomPresenters : world.roomMembers, room);
      assert.ok(posters.includes(user), `room ${room}: user ${user} may post`);
      assert.ok(user < world.concurrentUsers, 'posters are users who sign in');
    }
  });
});
