/**
 * The room tree and who may do what in it: tblNode (root, categories, rooms), tblScopePrincipal,
 * tblPrincipalRole, and the per-room and per-user counters with the invitations they number.
 * Rows come in key order so each table loads as appends.
 */
import { uuidFor } from '../../core/ids.js';
import { RoomFlag, type Csr, type World } from '../../workload/types.js';
import { Behavior, RoleTypeId, Visibility } from '../schema/fixed-rows.js';
import type { SqlRow } from '../schema/types.js';
import { clip, type Stamp } from './stamp.js';

const AD_SYNC = 1;
/** Users granted Creator on the root category (may create rooms): "a few", chatload's choice. */
export const CREATOR_USERS = 5;

export function rootNodeGuid(world: World): string {
  return uuidFor(world.seed, 'root-category', 0);
}

function nodeRow(
  id: number,
  guid: string,
  parent: number,
  isCategory: boolean,
  name: string,
  description: string,
  flags: { invite: number | null; logged: number | null; filePost: number | null },
  behavior: number,
  visibility: number,
  stamp: Stamp,
): SqlRow {
  return [
    id,
    guid,
    parent,
    isCategory ? 1 : 0,
    clip(name),
    clip(description),
    flags.invite,
    flags.logged,
    flags.filePost,
    0,
    behavior,
    visibility,
    null,
    AD_SYNC,
    stamp.ticks,
    AD_SYNC,
    stamp.ticks,
    null,
  ];
}

/**
 * Categories keep history, allow files and send invitations; a room inherits invitations
 * (invite NULL) when its invitations flag is set and turns them off (0) otherwise. Rooms carry
 * no logged/filePost values of their own (published: always NULL on rooms).
 */
export function* nodeRows(world: World, stamp: Stamp): Generator<SqlRow> {
  const { naming, layout } = world;
  const category = { invite: 1, logged: 1, filePost: 1 };
  const root = layout.rootNodeId;
  yield nodeRow(
    root,
    rootNodeGuid(world),
    root,
    true,
    naming.domain,
    'Root category',
    category,
    Behavior.normal,
    Visibility.scoped,
    stamp,
  );
  for (let c = 0; c < world.categories; c++) {
    const name = naming.categoryName(c);
    yield nodeRow(
      layout.categoryNodeBase + c,
      naming.categoryGuid(c),
      root,
      true,
      name,
      name,
      category,
      Behavior.normal,
      Visibility.scoped,
      stamp,
    );
  }
  for (let r = 0; r < world.rooms; r++) {
    const flags = world.roomFlags[r] as number;
    const room = {
      invite: flags & RoomFlag.invitations ? null : 0,
      logged: null,
      filePost: null,
    };
    yield nodeRow(
      layout.roomNodeBase + r,
      naming.roomGuid(r),
      layout.categoryNodeBase + (world.roomCategory[r] as number),
      false,
      naming.roomName(r),
      naming.roomTopic(r),
      room,
      flags & RoomFlag.auditorium ? Behavior.auditorium : Behavior.normal,
      flags & RoomFlag.open ? Visibility.open : Visibility.private,
      stamp,
    );
  }
}

/** Every category is scoped to the whole domain (allow). */
export function* scopeRows(world: World): Generator<SqlRow> {
  for (let c = 0; c < world.categories; c++) {
    yield [world.layout.categoryNodeBase + c, world.layout.domainPrinId, 0, AD_SYNC];
  }
}

function slice(csr: Csr, row: number): Int32Array {
  return csr.items.subarray(csr.start[row] as number, csr.start[row + 1] as number);
}

/**
 * The grants of one room as (principal, role) pairs in key order: Member to the domain (open
 * rooms), to each room group (group-managed rooms) or to each user of its list (direct
 * membership: its audience); Manager to each manager; Voiced to each presenter.
 */
export function roomGrants(world: World, room: number): Array<[number, number]> {
  const { layout } = world;
  const flags = world.roomFlags[room] as number;
  const grants: Array<[number, number]> = [];
  if (flags & RoomFlag.open) {
    grants.push([layout.domainPrinId, RoleTypeId.member]);
  } else if (flags & RoomFlag.groupManaged) {
    for (const g of slice(world.roomGroupsOfRoom, room)) {
      grants.push([layout.roomGroupPrinBase + g, RoleTypeId.member]);
    }
  } else {
    for (const u of slice(world.roomAudience, room)) {
      grants.push([layout.userPrinBase + u, RoleTypeId.member]);
    }
  }
  for (const u of slice(world.roomManagers, room)) {
    grants.push([layout.userPrinBase + u, RoleTypeId.manager]);
  }
  for (const u of slice(world.roomPresenters, room)) {
    grants.push([layout.userPrinBase + u, RoleTypeId.voiced]);
  }
  grants.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return grants.filter(
    (g, i) => i === 0 || g[0] !== grants[i - 1]?.[0] || g[1] !== grants[i - 1]?.[1],
  );
}

export function creatorUsers(world: World): number {
  return Math.min(CREATOR_USERS, world.users);
}

export function* roleRows(world: World): Generator<SqlRow> {
  const { layout } = world;
  for (let u = 0; u < creatorUsers(world); u++) {
    yield [layout.rootNodeId, layout.userPrinBase + u, RoleTypeId.creator, AD_SYNC];
  }
  for (let r = 0; r < world.rooms; r++) {
    const node = layout.roomNodeBase + r;
    for (const [prin, role] of roomGrants(world, r)) yield [node, prin, role, AD_SYNC];
  }
}

/** One counter row per room: the last chatId handed out (the seeded history's count, or 0). */
export function* lastChatIdRows(world: World, seededMessages: Int32Array): Generator<SqlRow> {
  for (let r = 0; r < world.rooms; r++) {
    yield [world.layout.roomNodeBase + r, BigInt(seededMessages[r] as number)];
  }
}

/**
 * One invitation per user of each inviting room's audience (everyone who can access it once its
 * groups are expanded), numbered 1..n per user in room order (the per-principal invID sequence),
 * in key order (user, room).
 */
export function* inviteRows(world: World, stamp: Stamp): Generator<SqlRow> {
  const { layout } = world;
  for (let u = 0; u < world.users; u++) {
    let invId = 0;
    for (const r of slice(world.userAudience, u)) {
      if ((world.roomFlags[r] as number) & RoomFlag.invitations) {
        yield [layout.userPrinBase + u, ++invId, layout.roomNodeBase + r, stamp.date];
      }
    }
  }
}

/** Invitations each user holds: the value tblLastInviteId records for them. */
export function invitationsOf(world: World, user: number): number {
  let count = 0;
  for (const r of slice(world.userAudience, user)) {
    if ((world.roomFlags[r] as number) & RoomFlag.invitations) count++;
  }
  return count;
}

export function* lastInviteIdRows(world: World): Generator<SqlRow> {
  for (let u = 0; u < world.users; u++) {
    yield [world.layout.userPrinBase + u, invitationsOf(world, u)];
  }
}
