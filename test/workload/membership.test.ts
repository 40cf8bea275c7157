import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Random } from '../../src/core/random.js';
import {
  csrRow,
  dealDistinct,
  evenSplit,
  joinRows,
  transposeCsr,
} from '../../src/workload/membership.js';

/** Every taker got `takes` distinct items and every item was dealt exactly `caps` times. */
function assertExactDeal(takes: Int32Array, caps: Int32Array, base: number, seed: number): void {
  const dealt = dealDistinct(takes, caps, base, new Random(seed));
  const seen = new Int32Array(caps.length);
  for (let t = 0; t < takes.length; t++) {
    const mine = csrRow(dealt, t);
    assert.equal(mine.length, takes[t], `taker ${t} got ${mine.length} of ${takes[t]}`);
    assert.equal(new Set(mine).size, mine.length, `taker ${t} has a repeated item`);
    for (let k = 1; k < mine.length; k++) assert.ok((mine[k] as number) > (mine[k - 1] as number));
    for (const item of mine) {
      assert.ok(item >= base && item < base + caps.length);
      seen[item - base] = (seen[item - base] as number) + 1;
    }
  }
  assert.deepEqual(Array.from(seen), Array.from(caps));
}

describe('dealDistinct', () => {
  it('gives users perUser distinct rooms, filling rooms of even sizes exactly (any shape)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (users, extraRooms, perUser, seed) => {
          const rooms = perUser + extraRooms - 1;
          const takes = new Int32Array(users).fill(perUser);
          assertExactDeal(takes, evenSplit(users * perUser, rooms), 5, seed);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('fills fixed-size rooms exactly and leaves the rest to the others (the room shape)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 300 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2, max: 25 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (users, perUser, size, openRooms, seed) => {
          const fixedRooms = Math.floor((users * perUser) / size) - openRooms;
          if (fixedRooms < perUser) return;
          const rest = users * perUser - fixedRooms * size;
          const caps = Int32Array.from([
            ...new Array<number>(fixedRooms).fill(size),
            ...evenSplit(rest, openRooms),
          ]);
          if (Math.max(...caps) > users) return;
          assertExactDeal(new Int32Array(users).fill(perUser), caps, 0, seed);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives rooms varying numbers of distinct users, each user dealt evenly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 40, max: 200 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (needs, pool, seed) => {
          const takes = Int32Array.from(needs);
          const total = needs.reduce((sum, n) => sum + n, 0);
          assertExactDeal(takes, evenSplit(total, pool), 1000, seed);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('does not build cliques: takers sharing one item rarely share another', () => {
    const users = 2000;
    const dealt = dealDistinct(
      new Int32Array(users).fill(12),
      evenSplit(users * 12, 800),
      0,
      new Random(3),
    );
    const byRoom = transposeCsr(dealt, 800);
    let shared = 0;
    let pairs = 0;
    for (let r = 0; r < 800; r += 7) {
      const members = csrRow(byRoom, r);
      const first = new Set(csrRow(dealt, members[0] as number));
      for (let k = 1; k < members.length; k++) {
        for (const room of csrRow(dealt, members[k] as number)) if (first.has(room)) shared++;
        pairs++;
      }
    }
    // This room, plus 11 × 11 / 800 ≈ 0.15 more by chance.
    assert.ok(shared / pairs < 1.3, `co-members share ${shared / pairs} rooms on average`);
  });

  it('refuses sums that disagree and takes larger than the items that can be dealt', () => {
    assert.throws(
      () => dealDistinct(Int32Array.of(2, 2), Int32Array.of(1, 1, 1), 0, new Random(1)),
      /takers want 4 items, 3 are dealt/,
    );
    assert.throws(
      () => dealDistinct(Int32Array.of(3), Int32Array.of(2, 1, 0), 0, new Random(1)),
      /2 items cannot give a taker 3 distinct ones/,
    );
  });
});

describe('CSR helpers', () => {
  it('splits evenly, joins per-class lists per row (ascending) and transposes exactly', () => {
    assert.deepEqual(Array.from(evenSplit(10, 4)), [3, 3, 2, 2]);
    assert.deepEqual(Array.from(evenSplit(0, 0)), []);
    const random = new Random(9);
    const small = dealDistinct(new Int32Array(50).fill(3), evenSplit(150, 20), 0, random);
    const large = dealDistinct(new Int32Array(40).fill(2), evenSplit(80, 4), 20, random);
    const byUser = joinRows(60, [small, large]);
    assert.equal(byUser.start[60], 150 + 80);
    for (let u = 0; u < 60; u++) {
      const mine = csrRow(byUser, u);
      assert.deepEqual(
        Array.from(mine),
        Array.from(mine).sort((a, b) => a - b),
      );
      assert.equal(mine.filter((r) => r < 20).length, u < 50 ? 3 : 0);
      assert.equal(
        mine.filter((r) => r >= 20).length,
        u < 40 ? 2 : 0,
        'rows past a list have none',
      );
    }
    const byRoom = transposeCsr(byUser, 24);
    const back = transposeCsr(byRoom, 60);
    assert.deepEqual(back.start, byUser.start);
    assert.deepEqual(back.items, byUser.items);
  });
});
