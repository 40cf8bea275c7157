/**
 * What a correctly provisioned store must answer, computed straight from the World's arrays —
 * independently of the row generators under test.
 */
import type { ClassCensus, Range, StoreCensus } from '../../src/targets/census.js';
import { CREATOR_USERS } from '../../src/targets/rows/nodes.js';
import { RoomFlag, type World } from '../../src/workload/types.js';
import { ROOM_CLASSES } from '../../src/core/vocabulary.js';
import { csrRow } from './fixtures.js';

const isOpen = (world: World, room: number): boolean =>
  ((world.roomFlags[room] as number) & RoomFlag.open) !== 0;

/** Rooms where the user holds Member: open rooms (granted to the domain) and its other rooms. */
export function memberRooms(world: World, user: number): Set<number> {
  const rooms = associatedMemberRooms(world, user);
  for (let r = 0; r < world.rooms; r++) if (isOpen(world, r)) rooms.add(r);
  return rooms;
}

/**
 * getassociations as member: the rooms whose membership list reaches the user (directly or
 * through a group), i.e. the user's rooms that are not open.
 */
export function associatedMemberRooms(world: World, user: number): Set<number> {
  return new Set(csrRow(world.userAudience, user).filter((r) => !isOpen(world, r)));
}

export function managerRooms(world: World, user: number): Set<number> {
  const rooms = new Set<number>();
  for (let r = 0; r < world.rooms; r++) {
    if (csrRow(world.roomManagers, r).includes(user)) rooms.add(r);
  }
  return rooms;
}

/** Rooms the user may join: member, manager or presenter rooms. */
export function joinableRooms(world: World, user: number): Set<number> {
  const rooms = memberRooms(world, user);
  for (const r of managerRooms(world, user)) rooms.add(r);
  for (let r = 0; r < world.rooms; r++) {
    if (csrRow(world.roomPresenters, r).includes(user)) rooms.add(r);
  }
  return rooms;
}

/** One invitation per inviting room whose audience holds the user. */
export function invitationCount(world: World, user: number): number {
  return csrRow(world.userAudience, user).filter(
    (r) => ((world.roomFlags[r] as number) & RoomFlag.invitations) !== 0,
  ).length;
}

export function principalCount(world: World): number {
  return 2 + world.folders + world.directoryGroups + world.roomGroups + world.users;
}

/** Self rows of every principal but the system user, plus each one's containers. */
export function affiliationRowCount(world: World): number {
  let rows = 1;
  for (let f = 0; f < world.folders; f++) {
    let depth = 0;
    for (let p = world.folderParent[f] as number; p >= 0; p = world.folderParent[p] as number) {
      depth++;
    }
    rows += 2 + depth;
  }
  rows += 2 * (world.directoryGroups + world.roomGroups);
  for (let u = 0; u < world.users; u++) rows += world.affiliationCount(u);
  return rows;
}

/**
 * Role grants: Member to the domain (open rooms), to each room group (group-managed rooms) or
 * to each member; Manager per manager; Voiced per presenter; Creator on the root for `creators`.
 */
export function roleGrantCount(world: World, creators: number): number {
  let grants = creators;
  for (let r = 0; r < world.rooms; r++) {
    const flags = world.roomFlags[r] as number;
    const members =
      flags & RoomFlag.open
        ? 1
        : flags & RoomFlag.groupManaged
          ? csrRow(world.roomGroupsOfRoom, r).length
          : new Set(csrRow(world.roomAudience, r)).size;
    grants += members;
    grants += new Set(csrRow(world.roomManagers, r)).size;
    grants += new Set(csrRow(world.roomPresenters, r)).size;
  }
  return grants;
}

/** LIKE '%term%' as SQLite and case-insensitive SQL Server collations agree on: ASCII folding. */
export function containsFolded(text: string, term: string): boolean {
  const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return fold(text).includes(fold(term));
}

/** An index of a search term made of plain ASCII letters that occurs in some room's name. */
export function asciiRoomTerm(world: World): { index: number; term: string } {
  const names = Array.from({ length: world.rooms }, (_, r) => world.naming.roomName(r));
  for (let i = 0; i < world.naming.searchTermCount; i++) {
    const term = world.naming.searchTerm(i);
    if (/^[a-z]{3,}$/.test(term) && names.some((name) => containsFolded(name, term))) {
      return { index: i, term };
    }
  }
  throw new Error('no ASCII search term matches a room name in this world');
}

/** What the census of a store provisioned from `world` must count, from the world's arrays. */
export function expectedCensus(world: World, historyPerRoom: Int32Array): StoreCensus {
  const classes = ROOM_CLASSES.map(() => ({
    rooms: 0,
    openRooms: 0,
    auditoriumRooms: 0,
    invitingRooms: 0,
    directRooms: 0,
    groupRooms: 0,
    userMemberEntities: 0,
    groupMemberEntities: 0,
    domainMemberGrants: 0,
    managerEntities: 0,
    presenterEntities: 0,
    usersPerDirectList: null as Range | null,
    groupsPerGroupList: null as Range | null,
    invitations: 0,
    roomsWithInvitations: 0,
    historyRows: 0,
  }));
  const widen = (range: Range | null, n: number): Range =>
    range === null
      ? { min: n, max: n }
      : { min: Math.min(range.min, n), max: Math.max(range.max, n) };
  for (let r = 0; r < world.rooms; r++) {
    const c = classes[world.roomClass[r] as number] as ClassCensus;
    const flags = world.roomFlags[r] as number;
    const audience = csrRow(world.roomAudience, r).length;
    c.rooms++;
    if (flags & RoomFlag.open) {
      c.openRooms++;
      c.domainMemberGrants++;
    } else if (flags & RoomFlag.groupManaged) {
      const groups = csrRow(world.roomGroupsOfRoom, r).length;
      c.groupRooms++;
      c.groupMemberEntities += groups;
      c.groupsPerGroupList = widen(c.groupsPerGroupList, groups);
    } else {
      c.directRooms++;
      c.userMemberEntities += audience;
      c.usersPerDirectList = widen(c.usersPerDirectList, audience);
    }
    if (flags & RoomFlag.auditorium) c.auditoriumRooms++;
    if (flags & RoomFlag.invitations) {
      c.invitingRooms++;
      c.invitations += audience;
      if (audience > 0) c.roomsWithInvitations++;
    }
    c.managerEntities += csrRow(world.roomManagers, r).length;
    c.presenterEntities += csrRow(world.roomPresenters, r).length;
    c.historyRows += historyPerRoom[r] as number;
  }
  let fewest = Infinity;
  let most = 0;
  for (let u = 0; u < world.users; u++) {
    fewest = Math.min(fewest, world.ancestorCount(u));
    most = Math.max(most, world.ancestorCount(u));
  }
  const groups = world.directoryGroups + world.roomGroups;
  return {
    classes: { small: classes[0], medium: classes[1], large: classes[2] } as StoreCensus['classes'],
    principals: {
      users: world.users,
      groups,
      folders: world.folders,
      domains: 1,
      systemUsers: 1,
      total: principalCount(world),
    },
    ancestorsPerUser: world.users === 0 ? null : { min: fewest, max: most },
    usersWithAncestors: world.users,
    roleGrants: roleGrantCount(world, Math.min(CREATOR_USERS, world.users)),
  };
}
