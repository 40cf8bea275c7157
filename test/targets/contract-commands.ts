/**
 * The contract's command cases: each XCCOS command's SQL against the small seeded store, checked
 * against values computed from the world (see expectations.ts).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TargetErrorKind } from '../../src/core/errors.js';
import { ComplianceEventType } from '../../src/targets/types.js';
import { SearchKind } from '../../src/workload/types.js';
import type { ContractHarness } from './contract-harness.js';
import {
  asciiRoomTerm,
  containsFolded,
  invitationCount,
  joinableRooms,
  managerRooms,
  associatedMemberRooms,
} from './expectations.js';
import { csrRow, type TxSpec } from './fixtures.js';

export function commandContract(h: ContractHarness): void {
  const { world, events, run, single } = h;

  it('signs a user in: INVITE, getserverinfo, getassociations as member and manager', async () => {
    for (const user of [0, 17, 150, 299]) {
      const outcome = await run([
        { op: 'signin', method: 'INVITE', user },
        { op: 'signin', command: 'getserverinfo', user },
        { op: 'signin', command: 'getassociations', user, arg0: 0 },
        { op: 'signin', command: 'getassociations', user, arg0: 1 },
      ]);
      assert.deepEqual(
        Array.from(outcome.errorKind),
        [0, 0, 0, 0],
        JSON.stringify(outcome.errorSamples),
      );
      assert.equal(outcome.rows[0], 1);
      assert.equal(outcome.rows[1], 1);
      assert.equal(
        outcome.rows[2],
        associatedMemberRooms(world, user).size,
        `member rooms of user ${user}`,
      );
      assert.equal(
        outcome.rows[3],
        managerRooms(world, user).size,
        `manager rooms of user ${user}`,
      );
      for (let i = 0; i < 4; i++)
        assert.ok((outcome.endedAt[i] as number) >= (outcome.startedAt[i] as number));
    }
  });

  it('authorises joins through the permission walk exactly as the world grants them', async () => {
    for (const user of [3, 222]) {
      const allowed = joinableRooms(world, user);
      const specs: TxSpec[] = [];
      for (let room = 0; room < world.rooms; room++)
        specs.push({ op: 'join', command: 'join', user, room, arg0: 1 });
      const outcome = await run(specs);
      for (let room = 0; room < world.rooms; room++) {
        const expected = allowed.has(room) ? TargetErrorKind.none : TargetErrorKind.permission;
        assert.equal(outcome.errorKind[room], expected, `user ${user} joining room ${room}`);
      }
      const refused = outcome.errorSamples.find((s) => s.kind === TargetErrorKind.permission);
      assert.ok(refused !== undefined && /join/.test(refused.message));
      assert.ok(outcome.errorSamples.length <= 1, 'one sample per error kind');
      // An ACL cache hit does not ask the store: the same refused room joins.
      const hit = await single({
        op: 'join',
        command: 'join',
        user,
        room: refused.index,
        arg0: 0,
      });
      assert.equal(hit.kind, TargetErrorKind.none);
    }
  });

  it('bulk-joins all of a user’s rooms and reports a JOIN per room', async () => {
    const user = 42;
    const rooms = csrRow(world.userRooms, user);
    events.length = 0;
    const { rows, kind } = await single({
      op: 'signin',
      command: 'bjoin',
      user,
      list: rooms,
      arg0: rooms.length,
    });
    assert.equal(kind, TargetErrorKind.none);
    assert.equal(rows, rooms.length);
    assert.deepEqual(
      events.map((e) => [e.type, e.room, e.user]),
      rooms.map((room) => [ComplianceEventType.join, room, user]),
    );
  });

  it('posts chatIds in sequence and pages history back exactly', async () => {
    const room = csrRow(world.userRooms, 5)[0] as number;
    events.length = 0;
    const posts = Array.from({ length: 12 }, (_, k) => ({
      op: 'post' as const,
      command: 'grpchat' as const,
      user: 5,
      room,
      arg0: k,
    }));
    const outcome = await run(posts);
    assert.ok(
      outcome.errorKind.every((k) => k === 0),
      JSON.stringify(outcome.errorSamples),
    );
    const chatIds = events.map((e) => e.chatId as bigint);
    const first = chatIds[0] as bigint;
    assert.ok(first >= 1n);
    assert.deepEqual(
      chatIds,
      posts.map((_, k) => first + BigInt(k)),
    );
    assert.deepEqual(
      events.map((e) => e.message),
      posts.map((p) => world.naming.message(p.arg0)),
    );
    assert.ok(
      events.every((e) => e.type === ComplianceEventType.chat && e.room === room && e.user === 5),
    );
    const last = Number(chatIds.at(-1));
    const page = async (n: number, skip: number) =>
      (await single({ op: 'history', command: 'bccontext', user: 5, room, arg0: n, arg1: skip }))
        .rows;
    assert.equal(await page(25, 0), Math.min(25, last));
    assert.equal(await page(5, 3), 5);
    assert.equal(await page(25, last - 1), 1);
    assert.equal(await page(25, last - 2), 2);
    assert.equal(await page(25, last), 0);
    assert.equal(await page(1000, 0), last, 'every message of the room, seeded ones included');
  });

  it('returns the invitations after the last one seen', async () => {
    const user = [...Array(world.users).keys()].find(
      (u) => invitationCount(world, u) >= 3,
    ) as number;
    const n = invitationCount(world, user);
    const inv = async (after: number) =>
      (await single({ op: 'invites', command: 'getinv', user, arg0: after })).rows;
    assert.equal(await inv(0), n);
    assert.equal(await inv(1), n - 1);
    assert.equal(await inv(n - 1), 1);
    assert.equal(await inv(n), 0);
  });

  it('searches room names the user may see and message text within a room', async () => {
    const { index, term } = asciiRoomTerm(world);
    for (const user of [8, 120]) {
      const visible = joinableRooms(world, user);
      let expected = 0;
      for (let r = 0; r < world.rooms; r++) {
        if (visible.has(r) && containsFolded(world.naming.roomName(r), term)) expected++;
      }
      const { rows, kind } = await single({
        op: 'search',
        command: 'chansrch',
        user,
        arg0: index,
        arg1: SearchKind.rooms,
      });
      assert.equal(kind, TargetErrorKind.none);
      assert.equal(rows, expected, `rooms named like "${term}" visible to user ${user}`);
    }
    const room = csrRow(world.userRooms, 9)[1] as number;
    const termIndex = [...Array(world.naming.searchTermCount).keys()].find((i) =>
      /^[a-z]{4,}$/.test(world.naming.searchTerm(i)),
    ) as number;
    const word = world.naming.searchTerm(termIndex);
    const before = (
      await single({
        op: 'search',
        command: 'chansrch',
        user: 9,
        room,
        arg0: termIndex,
        arg1: SearchKind.messages,
      })
    ).rows;
    const message = [...Array(world.naming.messageCount).keys()].find((m) =>
      containsFolded(world.naming.message(m), word),
    );
    assert.ok(message !== undefined, `some corpus message contains "${word}"`);
    await single({ op: 'post', command: 'grpchat', user: 9, room, arg0: message });
    const after = (
      await single({
        op: 'search',
        command: 'chansrch',
        user: 9,
        room,
        arg0: termIndex,
        arg1: SearchKind.messages,
      })
    ).rows;
    assert.equal(after, before + 1);
  });

  it('parts rooms, signs out and refreshes without store errors', async () => {
    events.length = 0;
    const outcome = await run([
      { op: 'part', command: 'part', user: 7, room: 4 },
      { op: 'signout', method: 'BYE', user: 7 },
      { op: 'refresh', method: 'UPDATE', user: 7 },
    ]);
    assert.deepEqual(Array.from(outcome.errorKind), [0, 0, 0]);
    assert.deepEqual(
      events.map((e) => [e.type, e.room, e.user]),
      [
        [ComplianceEventType.part, 4, 7],
        [ComplianceEventType.part, -1, 7],
      ],
    );
  });

  it('writes compliance events of every kind', async () => {
    events.length = 0;
    await run([
      { op: 'join', command: 'join', user: 11, room: 2, arg0: 0 },
      { op: 'post', command: 'grpchat', user: 11, room: 2, arg0: 3 },
      { op: 'history', command: 'bccontext', user: 11, room: 2, arg0: 25 },
      { op: 'part', command: 'part', user: 11, room: 2 },
      { op: 'signout', method: 'BYE', user: 11 },
    ]);
    assert.equal(events.length, 5);
    await h.target().writeCompliance(events);
  });
}
