/**
 * Room configuration: which rooms are open, auditoriums, group-managed or send invitations, who
 * manages and presents in them, and how a group-managed room's audience splits into the user
 * groups its membership list names.
 */
import type { Random } from '../core/random.js';
import type { WholeRooms } from '../model/store-figures.js';
import type { RoomClassInputs } from '../model/types.js';
import { CsrBuilder, csrRow } from './membership.js';
import { type Csr, RoomFlag } from './types.js';

/** The rooms of one class: indices `base .. base + count - 1`, and how many carry each flag. */
export interface ClassRooms {
  base: number;
  count: number;
  inputs: RoomClassInputs;
  whole: WholeRooms;
}

function markFirst(flags: Uint8Array, rooms: Int32Array, count: number, flag: number): void {
  for (let i = 0; i < Math.min(count, rooms.length); i++) {
    const room = rooms[i] as number;
    flags[room] = (flags[room] as number) | flag;
  }
}

/**
 * Flags per room, each on a random selection of the class's rooms (open and auditorium are
 * independent: a room can be both, as in the product). Invitations go to everyone who can access
 * a room once its groups are expanded, and the published figure per inviting room is that
 * group-expanded number (60 / 225 / 16,000), which only group-managed rooms (and open rooms,
 * whose audience is chosen alike) reach: inviting rooms are group-managed rooms first, then open
 * rooms, then direct-managed rooms only if a class has no others left.
 */
export function assignRoomFlags(
  classes: readonly ClassRooms[],
  totalRooms: number,
  random: Random,
): Uint8Array {
  const flags = new Uint8Array(totalRooms);
  const has = (room: number, flag: number): boolean => ((flags[room] as number) & flag) !== 0;
  for (const { base, count, whole } of classes) {
    const rooms = (): Int32Array =>
      random.shuffle(Int32Array.from({ length: count }, (_, i) => base + i));
    markFirst(flags, rooms(), whole.open, RoomFlag.open);
    markFirst(flags, rooms(), whole.auditorium, RoomFlag.auditorium);
    const nonOpen = rooms().filter((room) => !has(room, RoomFlag.open));
    markFirst(flags, nonOpen, whole.groupManaged, RoomFlag.groupManaged);
    const order = rooms();
    const inviting = Int32Array.from([
      ...order.filter((room) => has(room, RoomFlag.groupManaged)),
      ...order.filter((room) => has(room, RoomFlag.open)),
      ...order.filter((room) => !has(room, RoomFlag.open | RoomFlag.groupManaged)),
    ]);
    markFirst(flags, inviting, whole.invitations, RoomFlag.invitations);
  }
  return flags;
}

/** `k` distinct members drawn at random, ascending (all of them when the room is smaller). */
function sampleMembers(
  members: Int32Array,
  k: number,
  random: Random,
  scratch: Int32Array,
): Int32Array {
  const n = members.length;
  const take = Math.min(k, n);
  scratch.set(members);
  for (let i = 0; i < take; i++) {
    const j = i + random.int(n - i);
    const swap = scratch[i] as number;
    scratch[i] = scratch[j] as number;
    scratch[j] = swap;
  }
  return scratch.slice(0, take).sort();
}

function largestRoom(members: Csr): number {
  let largest = 0;
  for (let r = 0; r + 1 < members.start.length; r++) {
    largest = Math.max(largest, (members.start[r + 1] as number) - (members.start[r] as number));
  }
  return largest;
}

/**
 * Managers of every room (managersPerRoom of its followers) and presenters of every auditorium
 * room (presentersPerAuditoriumRoom of its followers): users who sign in, so they can act. The
 * published lists hold "users and groups"; chatload names users only, so the poster rule (only
 * presenters post in auditoriums) is exact.
 */
export function pickRoomRoles(
  classes: readonly ClassRooms[],
  members: Csr,
  flags: Uint8Array,
  random: Random,
): { managers: Csr; presenters: Csr } {
  const rooms = flags.length;
  const scratch = new Int32Array(largestRoom(members));
  const managers = new CsrBuilder(rooms, rooms * 6);
  const presenters = new CsrBuilder(rooms, rooms);
  for (const { base, count, inputs } of classes) {
    for (let room = base; room < base + count; room++) {
      const list = csrRow(members, room);
      managers.push(sampleMembers(list, inputs.managersPerRoom, random, scratch));
      if (((flags[room] as number) & RoomFlag.auditorium) !== 0) {
        presenters.push(sampleMembers(list, inputs.presentersPerAuditoriumRoom, random, scratch));
      } else {
        presenters.skip();
      }
    }
  }
  return { managers: managers.finish(rooms), presenters: presenters.finish(rooms) };
}

/**
 * Splits each group-managed room's audience at random into groupsPerMembershipList groups of
 * sizes differing by at most one (fewer groups when the audience is smaller), so that expanding
 * the room's groups yields exactly its audience and each of those users is in one of them.
 * Group indices run room by room.
 */
export function partitionRoomGroups(
  classes: readonly ClassRooms[],
  audience: Csr,
  flags: Uint8Array,
  random: Random,
): { groupsOfRoom: Csr; groupMembers: Csr; groups: number } {
  const rooms = flags.length;
  const scratch = new Int32Array(largestRoom(audience));
  const groupsOfRoom = new CsrBuilder(rooms, rooms);
  const groupMembers = new CsrBuilder(rooms, audience.items.length);
  let groups = 0;
  for (const { base, count, inputs } of classes) {
    for (let room = base; room < base + count; room++) {
      const list = csrRow(audience, room);
      const groupCount = Math.min(inputs.groupsPerMembershipList, list.length);
      if (((flags[room] as number) & RoomFlag.groupManaged) === 0 || groupCount === 0) {
        groupsOfRoom.skip();
        continue;
      }
      const shuffled = scratch.subarray(0, list.length);
      shuffled.set(list);
      random.shuffle(shuffled);
      const ids = new Int32Array(groupCount);
      for (let g = 0; g < groupCount; g++) {
        const from = Math.floor((g * list.length) / groupCount);
        const to = Math.floor(((g + 1) * list.length) / groupCount);
        groupMembers.push(shuffled.slice(from, to).sort());
        ids[g] = groups++;
      }
      groupsOfRoom.push(ids);
    }
  }
  return {
    groupsOfRoom: groupsOfRoom.finish(rooms),
    groupMembers: groupMembers.finish(groups),
    groups,
  };
}
