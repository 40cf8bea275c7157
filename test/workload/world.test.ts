import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { lync2013 } from '../../src/model/lync2013.js';
import { wholeRoomCounts } from '../../src/model/rates.js';
import { type DeploymentModel } from '../../src/model/types.js';
import { csrRow } from '../../src/workload/membership.js';
import { roomFlagCounts } from '../../src/workload/rooms.js';
import { RoomFlag } from '../../src/workload/types.js';
import { buildWorld } from '../../src/workload/world.js';
import { ROOM_CLASSES } from '../../src/core/vocabulary.js';

/** The whole documented population: 150,000 users, 33,077 rooms. */
const world = buildWorld(lync2013, { seed: 2013 });
const PER_USER = [12, 2, 2];

function smallModel(overrides: Partial<DeploymentModel['population']> = {}): DeploymentModel {
  return {
    ...lync2013,
    population: {
      ...lync2013.population,
      provisionedUsers: 3000,
      concurrentUsers: 1600,
      ...overrides,
    },
  };
}

describe('world of the documented model', () => {
  it('has every provisioned user and the documented room counts, laid out by class', () => {
    assert.equal(world.users, 150_000);
    assert.equal(world.concurrentUsers, 80_000);
    assert.equal(world.rooms, 33_077);
    const counts = wholeRoomCounts(lync2013);
    for (const c of ROOM_CLASSES) assert.equal(world.classRanges[c].count, counts[c]);
    for (let r = 0; r < world.rooms; r++) {
      const code = world.roomClass[r] as number;
      const range = world.classRanges[ROOM_CLASSES[code] as 'small'];
      assert.ok(r >= range.base && r < range.base + range.count);
    }
  });

  it('puts every user in exactly 12 / 2 / 2 distinct rooms of the classes', () => {
    for (let u = 0; u < world.users; u++) {
      const rooms = csrRow(world.userRooms, u);
      const perClass = [0, 0, 0];
      for (let k = 0; k < rooms.length; k++) {
        const code = world.roomClass[rooms[k] as number] as number;
        perClass[code] = (perClass[code] as number) + 1;
        if (k > 0)
          assert.ok(
            (rooms[k] as number) > (rooms[k - 1] as number),
            `user ${u} rooms ascending and distinct`,
          );
      }
      assert.deepEqual(perClass, PER_USER, `user ${u}`);
    }
  });

  it('balances member counts within one per class, and lists members exactly as the transpose', () => {
    for (const c of ROOM_CLASSES) {
      const { base, count } = world.classRanges[c];
      let min = Infinity;
      let max = 0;
      for (let r = base; r < base + count; r++) {
        const n = csrRow(world.roomMembers, r).length;
        min = Math.min(min, n);
        max = Math.max(max, n);
      }
      assert.ok(max - min <= 1, `${c}: ${min}..${max}`);
    }
    assert.equal(world.roomMembers.items.length, 150_000 * 16);
    for (let r = 0; r < world.rooms; r += 97) {
      for (const u of csrRow(world.roomMembers, r))
        assert.ok(csrRow(world.userRooms, u).includes(r));
    }
  });

  it('does not build rooms as cliques: co-members share few other rooms', () => {
    let shared = 0;
    let pairs = 0;
    const { base, count } = world.classRanges.small;
    for (let r = base; r < base + count; r += 311) {
      const members = csrRow(world.roomMembers, r);
      const a = new Set(csrRow(world.userRooms, members[0] as number));
      for (let k = 1; k < members.length; k++) {
        for (const room of csrRow(world.userRooms, members[k] as number))
          if (a.has(room) && room < count) shared++;
        pairs++;
      }
    }
    // Random membership: ~1 common small room (this one) + 11 × 11 / 32,000 by chance.
    assert.ok(shared / pairs < 1.05, `co-members share ${shared / pairs} small rooms on average`);
  });

  it('flags rooms in the documented proportions (rounded half up per class)', () => {
    for (const c of ROOM_CLASSES) {
      const { base, count } = world.classRanges[c];
      const expected = roomFlagCounts(count, lync2013.roomClasses[c]);
      const seen = { open: 0, auditorium: 0, groupManaged: 0, invitations: 0 };
      for (let r = base; r < base + count; r++) {
        const f = world.roomFlags[r] as number;
        if (f & RoomFlag.open) seen.open++;
        if (f & RoomFlag.auditorium) seen.auditorium++;
        if (f & RoomFlag.groupManaged) seen.groupManaged++;
        if (f & RoomFlag.invitations) seen.invitations++;
        assert.ok(
          !(f & RoomFlag.open && f & RoomFlag.groupManaged),
          'open rooms are not group-managed',
        );
      }
      assert.deepEqual(seen, expected, c);
    }
    assert.deepEqual(roomFlagCounts(32_000, lync2013.roomClasses.small), {
      open: 960,
      auditorium: 320,
      groupManaged: 15_520,
      invitations: 16_000,
    });
    assert.deepEqual(roomFlagCounts(1_067, lync2013.roomClasses.medium), {
      open: 32,
      auditorium: 11,
      groupManaged: 931,
      invitations: 534,
    });
    assert.deepEqual(roomFlagCounts(10, lync2013.roomClasses.large), {
      open: 5,
      auditorium: 5,
      groupManaged: 5,
      invitations: 5,
    });
  });

  it('picks managers of every room and presenters of auditorium rooms among the members', () => {
    for (let r = 0; r < world.rooms; r++) {
      const members = new Set(csrRow(world.roomMembers, r));
      const managers = csrRow(world.roomManagers, r);
      assert.equal(managers.length, 6);
      assert.equal(new Set(managers).size, 6);
      for (const m of managers) assert.ok(members.has(m), `manager ${m} of room ${r} is a member`);
      const presenters = csrRow(world.roomPresenters, r);
      const auditorium = ((world.roomFlags[r] as number) & RoomFlag.auditorium) !== 0;
      assert.equal(presenters.length, auditorium ? 6 : 0);
      for (const p of presenters)
        assert.ok(members.has(p), `presenter ${p} of room ${r} is a member`);
    }
  });

  it('partitions each group-managed room’s members into its groups exactly', () => {
    let groupsSeen = 0;
    for (let r = 0; r < world.rooms; r++) {
      const groups = csrRow(world.roomGroupsOfRoom, r);
      const managed = ((world.roomFlags[r] as number) & RoomFlag.groupManaged) !== 0;
      if (!managed) {
        assert.equal(groups.length, 0);
        continue;
      }
      const expected =
        lync2013.roomClasses[ROOM_CLASSES[world.roomClass[r] as number] as 'small']
          .groupsPerMembershipList;
      assert.equal(groups.length, expected);
      const union: number[] = [];
      const sizes: number[] = [];
      for (const g of groups) {
        const members = csrRow(world.roomGroupMembers, g);
        sizes.push(members.length);
        union.push(...members);
        groupsSeen++;
      }
      assert.deepEqual(
        union.sort((a, b) => a - b),
        Array.from(csrRow(world.roomMembers, r)),
        `room ${r}`,
      );
      assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
    }
    assert.equal(groupsSeen, world.roomGroups);
    assert.equal(world.roomGroups, 15_520 * 3 + 931 * 5 + 5 * 10);
  });

  it('gives every user 100-200 affiliations, spread uniformly, with distinct directory groups', () => {
    const out = new Int32Array(world.maxDirectoryGroupsPerUser);
    const histogram = new Array<number>(11).fill(0);
    for (let u = 0; u < world.users; u++) {
      const total = world.affiliationCount(u);
      assert.ok(total >= 100 && total <= 200, `user ${u}: ${total}`);
      const bucket = Math.min(9, Math.floor((total - 100) / 10));
      histogram[bucket] = (histogram[bucket] as number) + 1;
      if (u % 50 === 0) {
        const n = world.directoryGroupsOf(u, out);
        assert.equal(total, 2 + 3 + world.roomGroupCountOf(u) + n);
        for (let k = 0; k < n; k++) {
          assert.ok((out[k] as number) >= 0 && (out[k] as number) < world.directoryGroups);
          if (k > 0) assert.ok((out[k] as number) > (out[k - 1] as number), 'ascending, distinct');
        }
      }
    }
    // 101 equally likely totals: buckets of 10 values, the last one (190-200) of 11.
    for (let b = 0; b < 10; b++) {
      const expected = (world.users * (b === 9 ? 11 : 10)) / 101;
      assert.ok(
        Math.abs((histogram[b] as number) - expected) < 0.05 * expected,
        `bucket ${b}: ${histogram[b]}`,
      );
    }
    assert.equal(
      world.directoryGroupsOf(42, out),
      world.directoryGroupsOf(42, new Int32Array(out.length)),
    );
  });

  it('lays out the OU tree and users in its leaves', () => {
    assert.equal(world.folders, 8 + 64 + 512);
    assert.equal(world.folderDepth, 3);
    for (let f = 0; f < 8; f++) assert.equal(world.folderParent[f], -1);
    assert.equal(world.folderParent[8], 0);
    assert.equal(world.folderParent[8 + 64], 8);
    const perLeaf = new Map<number, number>();
    for (let u = 0; u < world.users; u++) {
      const leaf = world.userFolder[u] as number;
      assert.ok(leaf >= 72 && leaf < 584);
      perLeaf.set(leaf, (perLeaf.get(leaf) ?? 0) + 1);
    }
    assert.equal(perLeaf.size, 512);
    assert.ok(Math.max(...perLeaf.values()) - Math.min(...perLeaf.values()) <= 1);
  });

  it('assigns categories (one per ~100 rooms) and a dense, arithmetic id layout', () => {
    assert.equal(world.categories, 331);
    const perCategory = new Array<number>(world.categories).fill(0);
    for (let r = 0; r < world.rooms; r++) {
      const category = world.roomCategory[r] as number;
      perCategory[category] = (perCategory[category] as number) + 1;
    }
    assert.ok(Math.min(...perCategory) >= 99 && Math.max(...perCategory) <= 101);
    const l = world.layout;
    assert.equal(l.folderPrinBase, 3);
    assert.equal(l.directoryGroupPrinBase, 3 + world.folders);
    assert.equal(l.roomGroupPrinBase, l.directoryGroupPrinBase + world.directoryGroups);
    assert.equal(l.userPrinBase, l.roomGroupPrinBase + world.roomGroups);
    assert.equal(l.roomNodeBase, 2 + world.categories);
  });

  it('names every user with a unique alias', () => {
    const aliases = new Set<string>();
    for (let u = 0; u < world.users; u++) aliases.add(world.naming.userAlias(u));
    assert.equal(aliases.size, world.users);
  });

  it('stays compact: typed arrays well under 100 MB', () => {
    let bytes = 0;
    const csrs = [
      world.userRooms,
      world.roomMembers,
      world.roomManagers,
      world.roomPresenters,
      world.roomGroupsOfRoom,
      world.roomGroupMembers,
    ];
    for (const csr of csrs) bytes += csr.start.byteLength + csr.items.byteLength;
    bytes +=
      world.roomClass.byteLength +
      world.roomFlags.byteLength +
      world.roomCategory.byteLength +
      world.userFolder.byteLength;
    assert.ok(bytes < 40e6, `${(bytes / 1e6).toFixed(1)} MB`);
  });
});

describe('world determinism and fingerprint', () => {
  it('builds the same world from the same inputs and another from another seed', () => {
    const a = buildWorld(smallModel(), { seed: 5 });
    const b = buildWorld(smallModel(), { seed: 5 });
    const c = buildWorld(smallModel(), { seed: 6 });
    assert.deepEqual(a.userRooms.items, b.userRooms.items);
    assert.deepEqual(a.roomFlags, b.roomFlags);
    assert.equal(a.fingerprint, b.fingerprint);
    assert.notDeepEqual(a.userRooms.items, c.userRooms.items);
    assert.notEqual(a.fingerprint, c.fingerprint);
  });

  it('changes the fingerprint with any model input or the domain, not with the name', () => {
    const corpus = buildWorld(smallModel(), { seed: 5 }).naming.corpus;
    const base = buildWorld(smallModel(), { seed: 5, corpus }).fingerprint;
    const renamed = { ...smallModel(), name: 'copy', description: 'another label' };
    assert.equal(buildWorld(renamed, { seed: 5, corpus }).fingerprint, base);
    assert.notEqual(
      buildWorld(smallModel(), { seed: 5, corpus, domain: 'other.example' }).fingerprint,
      base,
    );
    const assumed = {
      ...smallModel(),
      assumptions: { ...lync2013.assumptions, aclCacheMissPct: 6 },
    };
    assert.notEqual(buildWorld(assumed, { seed: 5, corpus }).fingerprint, base);
    assert.match(base, /^[0-9a-f]{16}$/);
  });

  it('rejects a corpus built from another seed and fractional rooms per user, naming the field', () => {
    const corpus = buildWorld(smallModel(), { seed: 5 }).naming.corpus;
    assert.throws(
      () => buildWorld(smallModel(), { seed: 6, corpus }),
      (e: unknown) => e instanceof InputError && e.where === 'corpus',
    );
    const fractional = {
      ...smallModel(),
      roomClasses: {
        ...lync2013.roomClasses,
        medium: { ...lync2013.roomClasses.medium, roomsPerUser: 1.5 },
      },
    };
    assert.throws(
      () => buildWorld(fractional, { seed: 5 }),
      (e: unknown) =>
        e instanceof InputError && e.where === 'model.roomClasses.medium.roomsPerUser',
    );
  });
});
