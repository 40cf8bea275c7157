import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError } from '../../src/core/errors.js';
import { lync2013 } from '../../src/model/lync2013.js';
import { storeFigures, wholeRoomFlags } from '../../src/model/store-figures.js';
import { type DeploymentModel } from '../../src/model/types.js';
import { csrRow } from '../../src/workload/membership.js';
import { RoomFlag } from '../../src/workload/types.js';
import { type SimulatedWorld, buildWorld } from '../../src/workload/world.js';
import { ROOM_CLASSES } from '../../src/core/vocabulary.js';

/** The whole documented population: 150,000 users, 33,077 rooms. */
const world = buildWorld(lync2013, { seed: 2013 });

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

/** 3,000 users, 1,600 who sign in; large rooms of 400 so that every class keeps its shape. */
const shapedModel: DeploymentModel = {
  ...smallModel(),
  roomClasses: {
    ...lync2013.roomClasses,
    large: { ...lync2013.roomClasses.large, usersPerRoom: 400, usersWithGroupAccess: 400 },
  },
};
const shaped = buildWorld(shapedModel, { seed: 21 });

const has = (w: SimulatedWorld, room: number, flag: number): boolean =>
  ((w.roomFlags[room] as number) & flag) !== 0;

/**
 * The published shape, on any world whose model can have it: the users who sign in follow
 * exactly roomsPerUser distinct rooms of each class and the others none; every non-open room has
 * exactly usersPerRoom followers, open rooms the rest (within one of each other); a room's
 * audience is its followers plus, in group-managed and open rooms, users who never sign in up to
 * usersWithGroupAccess, those users dealt evenly; group lists hold groupsPerMembershipList groups
 * that partition the audience; invitations go to inviting rooms' audiences, group-managed rooms
 * first, and total what the store figures say.
 */
function assertPublishedShape(w: SimulatedWorld, model: DeploymentModel): void {
  const figures = storeFigures(model);
  const signingIn = model.population.concurrentUsers;
  for (let u = 0; u < w.users; u++) {
    const rooms = csrRow(w.userRooms, u);
    const perClass = [0, 0, 0];
    for (let k = 0; k < rooms.length; k++) {
      const code = w.roomClass[rooms[k] as number] as number;
      perClass[code] = (perClass[code] as number) + 1;
      if (k > 0) assert.ok((rooms[k] as number) > (rooms[k - 1] as number), `user ${u}`);
    }
    const expected = ROOM_CLASSES.map((c) =>
      u < signingIn ? model.roomClasses[c].roomsPerUser : 0,
    );
    assert.deepEqual(perClass, expected, `user ${u}`);
  }
  const extrasPerUser = new Int32Array(w.users);
  ROOM_CLASSES.forEach((c, code) => {
    const rc = model.roomClasses[c];
    const { base, count } = w.classRanges[c];
    const open: number[] = [];
    const seen = { userEntities: 0, groupEntities: 0, invitations: 0, inviting: [0, 0, 0] };
    for (let r = base; r < base + count; r++) {
      assert.equal(w.roomClass[r], code);
      const followers = csrRow(w.roomMembers, r);
      const audience = csrRow(w.roomAudience, r);
      const kind = has(w, r, RoomFlag.open) ? 0 : has(w, r, RoomFlag.groupManaged) ? 1 : 2;
      if (kind === 0) open.push(followers.length);
      else assert.equal(followers.length, rc.usersPerRoom, `${c} room ${r} followers`);
      for (const u of followers) assert.ok(u < signingIn, `room ${r}: followers sign in`);
      const extras = audience.filter((u) => u >= signingIn);
      for (const u of extras) extrasPerUser[u] = (extrasPerUser[u] as number) + 1;
      assert.deepEqual(
        audience.filter((u) => u < signingIn),
        followers,
        `room ${r}: the audience holds its followers`,
      );
      if (kind === 2) {
        assert.equal(extras.length, 0, `room ${r}: a direct list is its followers`);
        seen.userEntities += audience.length;
      } else {
        assert.equal(audience.length, rc.usersWithGroupAccess, `${c} room ${r} audience`);
      }
      const groups = csrRow(w.roomGroupsOfRoom, r);
      if (kind === 1) {
        assert.equal(groups.length, rc.groupsPerMembershipList, `room ${r} groups`);
        const union = Array.from(groups).flatMap((g) => Array.from(csrRow(w.roomGroupMembers, g)));
        assert.deepEqual(
          union.sort((a, b) => a - b),
          Array.from(audience),
          `room ${r}: its groups hold exactly its audience`,
        );
        const sizes = Array.from(groups).map((g) => csrRow(w.roomGroupMembers, g).length);
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1);
        seen.groupEntities += groups.length;
      } else {
        assert.equal(groups.length, 0);
      }
      if (has(w, r, RoomFlag.invitations)) {
        seen.invitations += audience.length;
        seen.inviting[kind] = (seen.inviting[kind] as number) + 1;
      }
    }
    const rooms = figures.rooms[c];
    const openFollowers = signingIn * rc.roomsPerUser - rooms.nonOpen * rc.usersPerRoom;
    assert.equal(
      open.reduce((sum, n) => sum + n, 0),
      openFollowers,
      `${c}: open rooms take the rest`,
    );
    if (open.length > 0) assert.ok(Math.max(...open) - Math.min(...open) <= 1);
    assert.equal(seen.userEntities, figures.userEntities[c], `${c} user-based entities`);
    assert.equal(seen.groupEntities, figures.groupEntities[c], `${c} group-based entities`);
    assert.equal(seen.invitations, figures.invitations[c], `${c} invitations`);
    const groupFirst = Math.min(rooms.invitations, rooms.groupManaged);
    assert.equal(seen.inviting[1], groupFirst, `${c}: group-managed rooms invite first`);
    assert.equal(seen.inviting[0], Math.min(rooms.open, rooms.invitations - groupFirst));
  });
  const extras = Array.from(extrasPerUser.subarray(signingIn));
  if (extras.length > 0) assert.ok(Math.max(...extras) - Math.min(...extras) <= 1, 'extras even');
  assert.deepEqual(
    Array.from(csrRow(w.userAudience, w.users - 1)).every((r) =>
      csrRow(w.roomAudience, r).includes(w.users - 1),
    ),
    true,
  );
}

describe('world of the documented model', () => {
  it('has every provisioned user and the documented room counts, laid out by class', () => {
    assert.equal(world.users, 150_000);
    assert.equal(world.concurrentUsers, 80_000);
    assert.equal(world.rooms, 33_077);
    const rooms = wholeRoomFlags(lync2013);
    for (const c of ROOM_CLASSES) assert.equal(world.classRanges[c].count, rooms[c].rooms);
  });

  it('has the published shape: 12 / 2 / 2 rooms per user who signs in, lists of 30 / 150 / 16,000 users or 3 / 5 / 10 groups, 60 / 225 / 16,000 users with access', () => {
    assertPublishedShape(world, lync2013);
    const figures = storeFigures(lync2013);
    assert.deepEqual(figures.invitations, { small: 960_000, medium: 119_925, large: 80_000 });
    assert.deepEqual(figures.userEntities, { small: 465_600, medium: 15_450, large: 0 });
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

  it('flags rooms in the plan’s proportions, rounded to whole rooms', () => {
    const expected = wholeRoomFlags(lync2013);
    for (const c of ROOM_CLASSES) {
      const { base, count } = world.classRanges[c];
      const seen = { open: 0, auditorium: 0, groupManaged: 0, invitations: 0 };
      for (let r = base; r < base + count; r++) {
        if (has(world, r, RoomFlag.open)) seen.open++;
        if (has(world, r, RoomFlag.auditorium)) seen.auditorium++;
        if (has(world, r, RoomFlag.groupManaged)) seen.groupManaged++;
        if (has(world, r, RoomFlag.invitations)) seen.invitations++;
        assert.ok(
          !(has(world, r, RoomFlag.open) && has(world, r, RoomFlag.groupManaged)),
          'open rooms are not group-managed',
        );
      }
      const { open, auditorium, groupManaged, invitations } = expected[c];
      assert.deepEqual(seen, { open, auditorium, groupManaged, invitations }, c);
    }
    // 1,066.67 medium rooms: 32 open, 10.67 → 11 auditoriums, 103.47 → 103 direct-managed,
    // 533.33 → 533 with invitations.
    assert.deepEqual(expected.medium, {
      rooms: 1_067,
      open: 32,
      nonOpen: 1_035,
      auditorium: 11,
      direct: 103,
      groupManaged: 932,
      invitations: 533,
    });
    assert.deepEqual(expected.small, {
      rooms: 32_000,
      open: 960,
      nonOpen: 31_040,
      auditorium: 320,
      direct: 15_520,
      groupManaged: 15_520,
      invitations: 16_000,
    });
  });

  it('picks managers of every room and presenters of auditorium rooms among its followers', () => {
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

  it('numbers room groups densely: one per group-based membership entity', () => {
    assert.equal(world.roomGroups, 15_520 * 3 + 932 * 5 + 5 * 10);
    assert.equal(world.roomGroupMembers.start.length, world.roomGroups + 1);
  });

  it('gives every user 100-200 ancestors (and a self row), spread uniformly, with distinct directory groups', () => {
    const out = new Int32Array(world.maxDirectoryGroupsPerUser);
    const histogram = new Array<number>(11).fill(0);
    for (let u = 0; u < world.users; u++) {
      const ancestors = world.ancestorCount(u);
      assert.ok(ancestors >= 100 && ancestors <= 200, `user ${u}: ${ancestors}`);
      assert.equal(world.affiliationCount(u), ancestors + 1);
      const bucket = Math.min(9, Math.floor((ancestors - 100) / 10));
      histogram[bucket] = (histogram[bucket] as number) + 1;
      if (u % 50 === 0) {
        const n = world.directoryGroupsOf(u, out);
        assert.equal(ancestors, 1 + 3 + world.roomGroupCountOf(u) + n);
        for (let k = 0; k < n; k++) {
          assert.ok((out[k] as number) >= 0 && (out[k] as number) < world.directoryGroups);
          if (k > 0) assert.ok((out[k] as number) > (out[k - 1] as number), 'ascending, distinct');
        }
      }
    }
    // 101 equally likely counts: buckets of 10 values, the last one (190-200) of 11.
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

  it('counts a user’s room groups from the rooms it can access, users who never sign in included', () => {
    for (const u of [0, 79_999, 80_000, 149_999]) {
      const groupRooms = csrRow(world.userAudience, u).filter((r) =>
        has(world, r, RoomFlag.groupManaged),
      );
      assert.equal(world.roomGroupCountOf(u), groupRooms.length);
      if (u >= 80_000) assert.ok(groupRooms.length > 0, `user ${u} reaches rooms through groups`);
    }
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
      world.roomAudience,
      world.userAudience,
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

describe('world of a small model with the published shape', () => {
  it('keeps the published shape on 3,000 users of whom 1,600 sign in', () => {
    assert.equal(shaped.users, 3000);
    assertPublishedShape(shaped, shapedModel);
  });

  it('spreads followers evenly when a class cannot have the shape (rooms bigger than the users)', () => {
    const model = smallModel();
    const w = buildWorld(model, { seed: 22 });
    const { base, count } = w.classRanges.large;
    const sizes = Array.from({ length: count }, (_, i) => csrRow(w.roomMembers, base + i).length);
    assert.deepEqual(sizes, [1600, 1600]);
    for (let u = 0; u < 1600; u++) assert.equal(csrRow(w.userRooms, u).length, 16);
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
