import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Random } from '../../src/core/random.js';
import { dealClassRooms, transposeCsr, userRoomsCsr } from '../../src/workload/membership.js';

describe('dealClassRooms', () => {
  it('gives every user perUser distinct rooms and balances room sizes within one (any shape)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (users, extraRooms, perUser, seed) => {
          const rooms = perUser + extraRooms - 1;
          const base = 5;
          const dealt = dealClassRooms(users, base, rooms, perUser, new Random(seed));
          const sizes = new Array<number>(rooms).fill(0);
          for (let u = 0; u < users; u++) {
            const mine = dealt.subarray(u * perUser, (u + 1) * perUser);
            assert.equal(new Set(mine).size, perUser, `user ${u} has repeated rooms`);
            for (const r of mine) {
              assert.ok(r >= base && r < base + rooms);
              sizes[r - base] = (sizes[r - base] as number) + 1;
            }
          }
          assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `sizes ${sizes.join(',')}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses more rooms per user than rooms', () => {
    assert.throws(
      () => dealClassRooms(3, 0, 2, 3, new Random(1)),
      /cannot give each user 3 distinct rooms/,
    );
  });
});

describe('CSR helpers', () => {
  it('joins per-class deals per user (ascending) and transposes exactly', () => {
    const random = new Random(9);
    const small = dealClassRooms(50, 0, 20, 3, random);
    const large = dealClassRooms(50, 20, 4, 2, random);
    const byUser = userRoomsCsr(50, [
      { perUser: 3, rooms: small },
      { perUser: 2, rooms: large },
    ]);
    assert.equal(byUser.start[50], 250);
    for (let u = 0; u < 50; u++) {
      const mine = [...byUser.items.subarray(u * 5, u * 5 + 5)];
      assert.deepEqual(
        mine,
        [...mine].sort((a, b) => a - b),
      );
      assert.equal(mine.filter((r) => r < 20).length, 3);
    }
    const byRoom = transposeCsr(byUser, 24);
    const back = transposeCsr(byRoom, 50);
    assert.deepEqual(back.start, byUser.start);
    assert.deepEqual(back.items, byUser.items);
  });
});
