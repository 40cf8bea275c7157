/** The pieces of command semantics both targets share: the join refusal and compliance events. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TargetError } from '../../src/core/errors.js';
import { ticksToMs } from '../../src/core/ticks.js';
import {
  ALL_ROOMS,
  emitCompliance,
  refusedJoinError,
} from '../../src/targets/command-semantics.js';
import { ComplianceEventType, type ComplianceEvent } from '../../src/targets/types.js';
import { HISTORY_END_MS, smallWorld, testContext } from './fixtures.js';

const world = smallWorld();

describe('a refused join', () => {
  it('is a permission error naming the user, how many rooms and the first of them', () => {
    const guids = [world.naming.roomGuid(4), world.naming.roomGuid(9)];
    const error = refusedJoinError(world.naming, 7, guids);
    assert.ok(error instanceof TargetError);
    assert.equal(error.kind, 'permission');
    assert.ok(error.message.startsWith(`${world.naming.userUri(7)} may not join 2 room(s)`));
    assert.ok(error.message.includes(`(first: ${guids[0]})`));
    assert.match(error.message, /no role with the join permission/);
  });
});

describe('compliance events', () => {
  it('are stamped with the ticks of the wall clock when they happen', () => {
    const events: ComplianceEvent[] = [];
    const context = testContext(world, events);
    emitCompliance(context, ComplianceEventType.chat, 3, 5, 12n, 'hello');
    emitCompliance(context, ComplianceEventType.part, ALL_ROOMS, 5, null, null);
    assert.deepEqual(
      events.map((e) => ({ ...e, ticks: ticksToMs(e.ticks) })),
      [
        {
          type: ComplianceEventType.chat,
          ticks: HISTORY_END_MS + 60_000,
          room: 3,
          user: 5,
          chatId: 12n,
          message: 'hello',
        },
        {
          type: ComplianceEventType.part,
          ticks: HISTORY_END_MS + 60_001,
          room: ALL_ROOMS,
          user: 5,
          chatId: null,
          message: null,
        },
      ],
    );
  });

  it('are not made, nor the clock read, when compliance is off', () => {
    let reads = 0;
    const context = { compliance: null, unixNow: () => ++reads };
    emitCompliance(context, ComplianceEventType.join, 1, 2, null, null);
    assert.equal(reads, 0);
  });
});
